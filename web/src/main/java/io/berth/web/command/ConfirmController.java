package io.berth.web.command;

import io.berth.core.model.Caller;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** The second step of the core's confirmations: confirm or cancel what the dialog showed. */
public final class ConfirmController {
  private final CommandService commands;
  private final RequestContext req;
  private final Outcomes outcomes;

  public ConfirmController(CommandService commands, RequestContext req, Outcomes outcomes) {
    this.commands = commands;
    this.req = req;
    this.outcomes = outcomes;
  }

  public void confirm(Context ctx) {
    Caller caller = req.caller(ctx);
    List<Outcome> results = new ArrayList<>();
    for (String token : tokens(ctx)) results.add(commands.confirm(caller, token, ProgressListener.IGNORE));
    outcomes.respond(ctx, results, target(ctx));
  }

  public void cancel(Context ctx) {
    Caller caller = req.caller(ctx);
    List<Outcome> results = new ArrayList<>();
    for (String token : tokens(ctx)) results.add(commands.cancel(caller, token));
    outcomes.respond(ctx, results, target(ctx));
  }

  private static List<String> tokens(Context ctx) {
    List<String> t = ctx.formParams("token");
    if (t.isEmpty() || t.size() > 200) throw new BadRequestResponse("no confirmation token");
    return t;
  }

  private static String target(Context ctx) {
    String t = ctx.formParam("target");
    return t != null && Outcomes.TARGETS.contains(t) ? t : "#flash";
  }
}
