package io.berth.web.run;

import io.berth.core.command.DockerRequest;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.SecretMasking;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.view.Flash;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The run form: fields → {@code run -d …} text → the shared parser → the core. */
public final class RunController {
  private final CommandService commands;
  private final RequestContext req;
  private final Views views;
  private final Outcomes outcomes;

  public RunController(CommandService commands, RequestContext req, Views views, Outcomes outcomes) {
    this.commands = commands;
    this.req = req;
    this.views = views;
    this.outcomes = outcomes;
  }

  public void form(Context ctx) {
    views.page(ctx, "run", Map.of("chrome", req.chrome(ctx, "run")));
  }

  public void run(Context ctx) {
    String text;
    DockerRequest run;
    try {
      text = RunForm.toCommand(ctx.formParam("image"), ctx.formParam("name"), ctx.formParam("ports"),
          ctx.formParam("env"), ctx.formParam("labels"), ctx.formParam("volumes"), ctx.formParam("restart"),
          ctx.formParam("command"), new RunForm.Settings(ctx.formParam("workdir"), ctx.formParam("user"),
              ctx.formParam("memory"), ctx.formParam("cpus")));
      run = commands.language().parse(text); // the one grammar: the same parser as chat and the CLI
    } catch (IllegalArgumentException | CommandSyntaxException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      views.fragment(ctx, "outcomes", Map.of("flashes", List.of(new Flash("failed", "Check the form", e.getMessage(), null)),
          "confirm", Optional.empty()));
      return;
    }
    outcomes.respond(ctx, commands.execute(req.caller(ctx), run, SecretMasking.mask(text), ProgressListener.IGNORE),
        "#run-out");
  }
}
