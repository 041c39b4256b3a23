package io.berth.web.terminal;

import io.berth.web.http.RequestContext;
import io.berth.web.view.Flash;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A recorded terminal session, replayed in the same emulator as the live terminal: the page
 * ({@code /audit/sessions/{id}}) and the recording itself as asciicast v2 ({@code …/cast}), which
 * the page's script plays with play/pause, speed and seek. The core decides who may see which
 * recording (as it decides who may read which audit records); the console only asks.
 */
public final class ReplayController {
  /** Session ids as the core hands them out: letters, digits, '-' and '_' (anything else is no session). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private final TerminalGateway terminals;
  private final RequestContext req;
  private final Views views;

  public ReplayController(TerminalGateway terminals, RequestContext req, Views views) {
    this.terminals = terminals;
    this.req = req;
    this.views = views;
  }

  public void page(Context ctx) {
    String id = ctx.pathParam("id");
    Optional<TerminalGateway.Recording> rec = find(ctx, id);
    if (rec.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND);
      views.page(ctx, "problem", Map.of("chrome", req.chrome(ctx, "audit"),
          "flash", new Flash("failed", "No such session", "There is no recorded session " + id + " you may see.", null)));
      return;
    }
    views.page(ctx, "replay", Map.of("chrome", req.chrome(ctx, "audit"), "id", id,
        "problem", Optional.ofNullable(rec.get().problem())));
  }

  public void cast(Context ctx) {
    Optional<TerminalGateway.Recording> cast = find(ctx, ctx.pathParam("id"));
    if (cast.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain").result("No such session.");
      return;
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("application/x-asciicast; charset=utf-8").result(cast.get().cast());
  }

  private Optional<TerminalGateway.Recording> find(Context ctx, String id) {
    if (!ID.matcher(id).matches()) return Optional.empty();
    return terminals.recording(req.caller(ctx), id);
  }
}
