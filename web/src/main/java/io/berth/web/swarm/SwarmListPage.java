package io.berth.web.swarm;

import io.berth.core.command.DockerRequest;
import io.berth.core.model.Caller;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.SwarmRow;
import io.berth.core.service.CommandService;
import io.berth.web.http.RequestContext;
import io.berth.web.view.Chrome;
import io.berth.web.view.ContextChoice;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.Map;

/**
 * A Swarm list page (services, nodes): one context's rows from a listing command run through the catalog as the
 * signed-in person, and the same rows again after each Swarm event of the context. Each page differs only in its
 * listing, its row kind, its template and its rows' fragment.
 *
 * @param page the page's template and the chrome's tab ({@code services}, {@code nodes})
 * @param rowsFragment the template of its table's rows, sent on each event
 */
record SwarmListPage<T extends SwarmRow>(CommandService commands, RequestContext req, Views views, SwarmLive live,
    String page, String rowsFragment, DockerRequest listing, Class<T> kind) {

  Listed<T> read(Caller caller, String context) {
    return Listed.of(commands.execute(caller, context, listing, null, ProgressListener.IGNORE, null), kind);
  }

  void list(Context ctx) {
    ContextChoice contexts = SwarmContexts.of(commands, ctx);
    Listed<T> listed = read(req.caller(ctx), contexts.selected());
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, page));
    p.put("rows", listed.rows());
    p.put("flash", listed.flash());
    p.put("contexts", contexts);
    views.respond(ctx, page, p);
  }

  /** SSE: the table's rows, read again after each Swarm event of the context. */
  void events(SseClient client) {
    Context ctx = client.ctx();
    Caller caller = req.caller(ctx);
    Chrome chrome = req.chrome(ctx, page);
    ContextChoice contexts = SwarmContexts.of(commands, ctx);
    live.stream(client, caller, contexts.selected(), () -> Map.of("rows", views.render(rowsFragment,
        Map.of("rows", read(caller, contexts.selected()).rows(), "chrome", chrome, "contexts", contexts))));
  }
}
