package io.berth.web.swarm;

import io.berth.core.command.ContainerName;
import io.berth.core.command.NodeLs;
import io.berth.core.command.NodeUpdate;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.SwarmRow;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.live.SseHub;
import io.berth.web.view.ContextChoice;
import io.berth.web.view.Views;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.List;

/**
 * The Nodes page: a Swarm manager's nodes in one context ({@code node ls}, the node Berth talks to marked), live
 * from the manager's node events, and {@code node update --availability} per node — each through the catalog as the
 * signed-in person.
 */
public final class NodesController {
  private static final List<String> AVAILABILITIES = List.of("active", "pause", "drain");

  private final CommandService commands;
  private final RequestContext req;
  private final Outcomes outcomes;
  private final SwarmListPage<SwarmRow.NodeRow> page;

  public NodesController(CommandService commands, RequestContext req, Views views, Outcomes outcomes, SseHub hub) {
    this.commands = commands;
    this.req = req;
    this.outcomes = outcomes;
    this.page = new SwarmListPage<>(commands, req, views, new SwarmLive(commands, hub), "nodes", "fragment/nodeRows.jte",
        new NodeLs(false, List.of(), null), SwarmRow.NodeRow.class);
  }

  public void list(Context ctx) {
    page.list(ctx);
  }

  public void events(SseClient client) {
    page.events(client);
  }

  /** {@code node update --availability active|pause|drain NODE} (admin; drain moves the node's tasks away). */
  public void availability(Context ctx) {
    String node = ctx.pathParam("id");
    if (!ContainerName.isObjectReference(node)) throw new BadRequestResponse("not a node id or hostname");
    String availability = ctx.formParam("availability");
    if (availability == null || !AVAILABILITIES.contains(availability)) {
      throw new BadRequestResponse("availability must be active, pause or drain");
    }
    ContextChoice contexts = SwarmContexts.of(commands, ctx);
    outcomes.respond(ctx, commands.execute(req.caller(ctx), contexts.selected(), new NodeUpdate(availability, node), null,
        ProgressListener.IGNORE, null), "#flash");
  }
}
