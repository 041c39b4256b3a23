package io.berth.web.approvals;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.model.Caller;
import io.berth.core.model.Subscription;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.live.SseChannel;
import io.berth.web.live.SseHub;
import io.berth.web.view.Views;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The Approvals page: requests held by the two-person rule that the signed-in user may see, live
 * (an SSE "changed" event makes the list reload, whichever surface asked or decided), with
 * Approve/Reject for those they may decide. The core checks every press again.
 */
public final class ApprovalsController {
  /** Request ids are the core's UUIDs; anything else never reaches it. */
  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

  private final CommandService commands;
  private final RequestContext req;
  private final Views views;
  private final Outcomes outcomes;
  private final SseHub hub;

  public ApprovalsController(CommandService commands, RequestContext req, Views views, Outcomes outcomes, SseHub hub) {
    this.commands = commands;
    this.req = req;
    this.views = views;
    this.outcomes = outcomes;
    this.hub = hub;
  }

  /** One row of the page: the request and whether this user may approve or reject (withdraw) it. */
  public record Row(ApprovalRequest request, boolean mayApprove, boolean mayReject) {}

  public void page(Context ctx) {
    Map<String, Object> p = params(ctx);
    p.put("chrome", req.chrome(ctx, "approvals"));
    views.respond(ctx, "approvals", p);
  }

  /** The list alone (what the page reloads on a "changed" event). */
  public void list(Context ctx) {
    views.fragment(ctx, "approvals", params(ctx));
  }

  private Map<String, Object> params(Context ctx) {
    Caller caller = req.caller(ctx);
    List<Row> rows = commands.pendingApprovals(caller).stream()
        .map(r -> new Row(r, commands.mayApprove(caller, r), commands.mayReject(caller, r))).toList();
    Map<String, Object> p = new HashMap<>();
    p.put("rows", rows);
    p.put("csrf", req.session(ctx).csrfToken());
    return p;
  }

  public void approve(Context ctx) {
    Outcome o = commands.approve(req.caller(ctx), id(ctx), ProgressListener.IGNORE);
    outcomes.respond(ctx, o, "#flash");
  }

  public void reject(Context ctx) {
    Outcome o = commands.reject(req.caller(ctx), id(ctx));
    outcomes.respond(ctx, o, "#flash");
  }

  /** SSE: "changed" whenever any request held for approval changes; the page reloads its list (filtered for the user). */
  public void events(SseClient client) {
    AtomicReference<Subscription> sub = new AtomicReference<>();
    SseChannel ch = hub.open(client, () -> {
      Subscription s = sub.getAndSet(null);
      if (s != null) s.close();
    });
    sub.set(commands.watchApprovals(r -> ch.send("changed", "changed")));
    if (!ch.open()) {
      Subscription s = sub.getAndSet(null);
      if (s != null) s.close();
      return;
    }
    ch.send("ready", "<span id=\"live\" class=\"live on\" title=\"The list changes as requests are asked and decided\">live</span>");
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) throw new BadRequestResponse("not an approval request id");
    return id;
  }
}
