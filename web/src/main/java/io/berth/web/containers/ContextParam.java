package io.berth.web.containers;

import io.berth.core.service.CommandService;
import io.berth.web.view.ContextChoice;
import io.javalin.http.BadRequestResponse;

/**
 * The one reader of the console's {@code ?context=} parameter (the containers list, a container's page and its
 * streams, the terminal): one of the configured contexts, {@code all} where the list allows it, none: the default.
 * Anything else is refused naming the known ones, before a name is put into a {@code CTX/ID} target.
 */
public final class ContextParam {
  private ContextParam() {}

  public static ContextChoice read(CommandService commands, String asked, boolean allowAll) {
    String selected = asked == null || asked.isBlank() ? commands.defaultContext() : asked.strip();
    boolean known = commands.contexts().contains(selected) || allowAll && selected.equals(ContextChoice.ALL);
    if (!known) {
      throw new BadRequestResponse("context \"" + selected + "\" does not exist (known: "
          + String.join(", ", commands.contexts()) + (allowAll ? ", all" : "") + ")");
    }
    return new ContextChoice(selected, commands.contexts(), commands.defaultContext());
  }

  /**
   * What a container page's request names: the id as given in the default context, {@code CTX/ID} in another (the
   * core's context/NAME target, so scope and the role there apply to it).
   */
  public static String target(CommandService commands, String id, String asked) {
    ContextChoice c = read(commands, asked, false);
    String carried = c.carried(c.selected());
    return carried == null ? id : carried + "/" + id;
  }
}
