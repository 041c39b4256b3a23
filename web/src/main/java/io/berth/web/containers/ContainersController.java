package io.berth.web.containers;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.Ps;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Start;
import io.berth.core.command.Stop;
import io.berth.core.result.EngineStatus;
import io.berth.core.model.Caller;
import io.berth.core.model.Subscription;
import io.berth.core.result.AcrossContexts;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.live.SseChannel;
import io.berth.web.live.SseHub;
import io.berth.web.view.Chrome;
import io.berth.web.view.ContainerFilter;
import io.berth.web.view.ContextChoice;
import io.berth.web.view.ListedContainer;
import io.berth.web.view.Flash;
import io.berth.web.view.Views;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The containers table: filtered list, live updates from Docker events over SSE, bulk actions. */
public final class ContainersController {
  private static final List<String> ACTIONS = List.of("start", "stop", "restart", "rm");
  private static final int MAX_BULK = 200;

  private final CommandService commands;
  private final RequestContext req;
  private final Views views;
  private final Outcomes outcomes;
  private final SseHub hub;

  public ContainersController(CommandService commands, RequestContext req, Views views, Outcomes outcomes, SseHub hub) {
    this.commands = commands;
    this.req = req;
    this.views = views;
    this.outcomes = outcomes;
    this.hub = hub;
  }

  public void list(Context ctx) {
    ContainerFilter filter = filter(ctx);
    ContextChoice contexts = contexts(ctx);
    Outcome o = commands.execute(req.caller(ctx), contexts.selected(), new Ps(true, filter.psFilters()), null,
        ProgressListener.IGNORE, null);
    List<ListedContainer> rows = new ArrayList<>();
    Optional<Flash> flash = o instanceof Outcome.Succeeded ? Optional.empty() : Optional.of(Outcomes.flash(o));
    if (o instanceof Outcome.Succeeded s && s.result() instanceof ContainerList l) {
      l.containers().forEach(c -> rows.add(new ListedContainer(contexts.carried(contexts.selected()), c)));
    } else if (o instanceof Outcome.Succeeded s && s.result() instanceof AcrossContexts across) {
      across.answers().forEach((context, answer) -> {
        if (answer instanceof ContainerList l) l.containers().forEach(c -> rows.add(new ListedContainer(contexts.carried(context), c)));
      });
      // a context that did not answer (down, refused) says so while the others are listed
      if (!across.errors().isEmpty()) flash = Optional.of(Outcomes.flash(new Outcome.Failed(null,
          io.berth.core.result.Failure.ENGINE_UNREACHABLE, String.join("; ", across.errors()))));
    }
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, "containers"));
    p.put("rows", rows);
    p.put("filter", filter);
    p.put("flash", flash);
    p.put("contexts", contexts);
    views.respond(ctx, "containers", p);
  }

  /** {@code ?context=}: one of the contexts or {@code all}; none: the configured default. Anything else is refused. */
  ContextChoice contexts(Context ctx) {
    String asked = ctx.queryParam("context");
    String selected = asked == null || asked.isBlank() ? commands.defaultContext() : asked.strip();
    if (!selected.equals(ContextChoice.ALL) && !commands.contexts().contains(selected)) {
      throw new BadRequestResponse("context \"" + selected + "\" does not exist (known: "
          + String.join(", ", commands.contexts()) + ", all)");
    }
    return new ContextChoice(selected, commands.contexts(), commands.defaultContext());
  }

  /** SSE: the rows of one open page, changed as Docker events arrive (no polling). */
  public void events(SseClient client) {
    Context ctx = client.ctx();
    Caller caller = req.caller(ctx);
    Chrome chrome = req.chrome(ctx, "containers");
    ContainerFilter filter = filter(ctx);
    AtomicReference<Subscription> sub = new AtomicReference<>();
    SseChannel ch = hub.open(client, () -> {
      Subscription s = sub.getAndSet(null);
      if (s != null) s.close();
    });
    // Seed what the page shows; events that arrive meanwhile wait for the seed (synchronized feed).
    Object gate = new Object();
    AtomicReference<ContainerFeed> feed = new AtomicReference<>();
    synchronized (gate) {
      Optional<Subscription> s = commands.watchEvents(caller, event -> {
        synchronized (gate) {
          ContainerFeed f = feed.get();
          if (f == null) return;
          f.apply(event).ifPresent(change -> ch.send("container", render(change, chrome)));
        }
      }, status -> ch.send("engine", banner(status)));
      if (s.isEmpty()) {
        ch.send("denied", "not allowed");
        ch.close();
        return;
      }
      sub.set(s.get());
      if (!ch.open()) {
        s.get().close();
        return;
      }
      Outcome o = commands.execute(caller, new Ps(true, filter.psFilters()), null, ProgressListener.IGNORE);
      List<ContainerSummary> rows = o instanceof Outcome.Succeeded ok && ok.result() instanceof ContainerList l
          ? l.containers() : List.of();
      feed.set(new ContainerFeed(filter, rows));
    }
    ch.send("ready", "<span id=\"live\" class=\"live on\" title=\"Rows change as Docker reports events\">live</span>");
  }

  /**
   * What the page says about the engine: while the event stream has lost it, a banner (the rows may
   * be stale; they are corrected when it is back); once back, nothing. SSE data must not be empty.
   */
  static String banner(EngineStatus status) {
    return status.reachable() ? "<span hidden></span>"
        : "<div class=\"engine-banner\" role=\"status\">Docker engine unreachable — reconnecting…"
            + " The list below may be out of date until it is back.</div>";
  }

  String render(ContainerFeed.Change change, Chrome chrome) {
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", chrome);
    if (change instanceof ContainerFeed.Replace r) {
      p.put("c", r.row());
      p.put("mode", "replace");
    } else if (change instanceof ContainerFeed.Insert i) {
      p.put("c", i.row());
      p.put("mode", "insert");
    } else {
      ContainerFeed.Delete d = (ContainerFeed.Delete) change;
      return "<template><tr id=\"c-" + d.id().replaceAll("[^A-Za-z0-9_.-]", "") + "\" hx-swap-oob=\"delete\"></tr></template>";
    }
    return views.render("fragment/containerOob.jte", p);
  }

  /** start/stop/restart/rm on one or many containers; each goes through the core on its own. */
  public void action(Context ctx) {
    String action = ctx.formParam("action");
    if (action == null || !ACTIONS.contains(action)) throw new BadRequestResponse("unknown action");
    List<String> ids = ctx.formParams("ids");
    if (ids.isEmpty()) {
      outcomes.respond(ctx, List.of(), "#flash");
      return;
    }
    if (ids.size() > MAX_BULK) throw new BadRequestResponse("too many containers at once");
    Caller caller = req.caller(ctx);
    List<Outcome> results = new ArrayList<>();
    for (String id : ids) {
      results.add(commands.execute(caller, request(action, id), null, ProgressListener.IGNORE));
    }
    outcomes.respond(ctx, results, "#flash");
  }

  static DockerRequest request(String action, String id) {
    return switch (action) {
      case "start" -> new Start(id);
      case "stop" -> new Stop(id, null);
      case "restart" -> new Restart(id, null);
      case "rm" -> new Rm(id, false, false);
      default -> throw new BadRequestResponse("unknown action");
    };
  }

  static ContainerFilter filter(Context ctx) {
    return new ContainerFilter(ctx.queryParam("name"), ctx.queryParam("state"), ctx.queryParam("label"));
  }
}
