package io.berth.web.command;

import io.berth.core.language.SecretMasking;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.view.Flash;
import io.berth.core.render.PlainTextRenderer;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command bar: the same command language as chat, answered as text in the page. */
public final class CommandBarController {
  /** Docker-like text, the same the CLI and chat show. */
  private static final PlainTextRenderer TEXT = new PlainTextRenderer();

  private static final int MAX_TEXT = 4000;

  private final CommandService commands;
  private final RequestContext req;
  private final Views views;
  private final Outcomes outcomes;

  public CommandBarController(CommandService commands, RequestContext req, Views views, Outcomes outcomes) {
    this.commands = commands;
    this.req = req;
    this.views = views;
    this.outcomes = outcomes;
  }

  public void submit(Context ctx) {
    String text = ctx.formParam("text");
    text = text == null ? "" : text.strip();
    if (text.startsWith("docker ")) text = text.substring(7).strip();
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      ctx.status(HttpStatus.BAD_REQUEST);
      views.fragment(ctx, "outcomes", Map.of("flashes", List.of(new Flash("failed", "Type a command, e.g. ps -a", "", null)),
          "confirm", Optional.empty()));
      return;
    }
    Outcome o = commands.submit(req.caller(ctx), text, ProgressListener.IGNORE);
    if (o instanceof Outcome.Succeeded s) {
      views.fragment(ctx, "outcomes", Map.of("flashes",
          List.of(new Flash("ok", "$ " + SecretMasking.mask(text), TEXT.render(s.result()), s.requestId())),
          "confirm", Optional.empty()));
      return;
    }
    outcomes.respond(ctx, o, "#cmd-out");
  }
}
