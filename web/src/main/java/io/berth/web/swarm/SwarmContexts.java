package io.berth.web.swarm;

import io.berth.core.service.CommandService;
import io.berth.web.view.ContextChoice;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;

/**
 * Which context a Swarm page shows ({@code ?context=NAME}, or the form's {@code context} on a POST; none: the
 * default). One context at a time: a Swarm is one manager's, so there is no {@code all} here. An unknown name is a
 * 400 naming the known ones.
 */
final class SwarmContexts {
  private SwarmContexts() {}

  static ContextChoice of(CommandService commands, Context ctx) {
    String asked = ctx.queryParam("context");
    if (asked == null && ctx.method() == io.javalin.http.HandlerType.POST) asked = ctx.formParam("context");
    String selected = asked == null || asked.isBlank() ? commands.defaultContext() : asked.strip();
    if (!commands.contexts().contains(selected)) {
      throw new BadRequestResponse("context \"" + selected + "\" does not exist (known: "
          + String.join(", ", commands.contexts()) + ")");
    }
    return new ContextChoice(selected, commands.contexts(), commands.defaultContext());
  }
}
