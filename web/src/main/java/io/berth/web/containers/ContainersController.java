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
import java.util.LinkedHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
    Listing listing = listing(req.caller(ctx), contexts, filter, page(ctx), null);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, "containers"));
    p.put("rows", listing.page().rows().stream()
        .map(r -> new ListedContainer(contexts.carried(r.context()), r.c())).toList());
    p.put("page", listing.page());
    p.put("filter", filter);
    p.put("flash", listing.flash());
    p.put("contexts", contexts);
    views.respond(ctx, "containers", p);
  }

  /** One page of the list and what did not answer (a context down or slow in {@code all}: one line each). */
  record Listing(ContainerPage page, Optional<Flash> flash) {}

  /**
   * The containers the page shows: {@code ps -a} with the filter's docker filters, in one context or (for
   * {@code all}) in every one through the core's fan-out (in parallel, each bounded), then sorted and cut to one page.
   *
   * @param matching receives every matching row (the live feed's seed); may be null
   */
  Listing listing(Caller caller, ContextChoice contexts, ContainerFilter filter, int page,
      List<ContainerPage.Row> matching) {
    Outcome o = commands.execute(caller, contexts.selected(), new Ps(true, filter.psFilters()), null,
        ProgressListener.IGNORE, null);
    Map<String, List<ContainerSummary>> byContext = new LinkedHashMap<>();
    Optional<Flash> flash = o instanceof Outcome.Succeeded ? Optional.empty() : Optional.of(Outcomes.flash(o));
    if (o instanceof Outcome.Succeeded s && s.result() instanceof ContainerList l) {
      byContext.put(contexts.selected(), l.containers());
    } else if (o instanceof Outcome.Succeeded s && s.result() instanceof AcrossContexts across) {
      across.answers().forEach((context, answer) -> {
        if (answer instanceof ContainerList l) byContext.put(context, l.containers());
      });
      // a context that did not answer (down, refused, slow) says so while the others are listed
      if (!across.errors().isEmpty()) flash = Optional.of(Outcomes.flash(new Outcome.Failed(null,
          io.berth.core.result.Failure.ENGINE_UNREACHABLE, String.join("; ", across.errors()))));
    }
    return new Listing(ContainerPage.of(byContext, page, ContainerPage.SIZE, matching), flash);
  }

  /** {@code ?context=}: one of the contexts or {@code all}; none: the configured default. Anything else is refused. */
  ContextChoice contexts(Context ctx) {
    return ContextParam.read(commands, ctx.queryParam("context"), true);
  }

  /** {@code ?page=}: 1-based; none: the first. Past the last page shows the last. */
  static int page(Context ctx) {
    String p = ctx.queryParam("page");
    if (p == null || p.isBlank()) return 1;
    try {
      int n = Integer.parseInt(p.strip());
      if (n < 1) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("page must be a whole number from 1");
    }
  }

  /**
   * SSE: the rows of one open page, changed as Docker events of each context it shows arrive (no polling). Only the
   * page's own rows and its counts are ever sent; a new container that sorts into the page is inserted in place.
   */
  public void events(SseClient client) {
    Context ctx = client.ctx();
    Caller caller = req.caller(ctx);
    Chrome chrome = req.chrome(ctx, "containers");
    ContainerFilter filter = filter(ctx);
    ContextChoice contexts = contexts(ctx);
    int page = page(ctx);
    List<Subscription> subs = new CopyOnWriteArrayList<>();
    SseChannel ch = hub.open(client, () -> subs.forEach(Subscription::close));
    // Seed what the page shows; events that arrive meanwhile wait for the seed (synchronized feed).
    Object gate = new Object();
    AtomicReference<ContainerFeed> feed = new AtomicReference<>();
    synchronized (gate) {
      for (String context : contexts.shown()) {
        Optional<Subscription> s = commands.watchEvents(caller, context, event -> {
          synchronized (gate) {
            ContainerFeed f = feed.get();
            if (f == null) return;
            List<ContainerFeed.Change> changes = f.apply(context, event);
            if (!changes.isEmpty()) ch.send("container", render(changes, chrome, contexts));
          }
        }, status -> ch.send("engine", banner(contexts, context, status)));
        s.ifPresent(subs::add);
      }
      if (subs.isEmpty()) {
        ch.send("denied", "not allowed");
        ch.close();
        return;
      }
      if (!ch.open()) {
        subs.forEach(Subscription::close);
        return;
      }
      List<ContainerPage.Row> matching = new ArrayList<>();
      ContainerPage shown = listing(caller, contexts, filter, page, matching).page();
      feed.set(new ContainerFeed(filter, matching, shown));
    }
    ch.send("ready", "<span id=\"live\" class=\"live on\" title=\"Rows change as Docker reports events\">live</span>");
  }

  /**
   * What the page says about an engine: while the event stream has lost it, a banner (the rows may be stale; they
   * are corrected when it is back); once back, nothing. With several contexts each has its own line, named.
   * SSE data must not be empty. (A context's name follows docker's grammar, checked at load: nothing to escape.)
   */
  static String banner(ContextChoice contexts, String context, EngineStatus status) {
    String id = "engine-" + context.replaceAll("[^A-Za-z0-9_-]", "_");
    String who = contexts.several() ? "Docker engine of context " + context : "Docker engine";
    return "<div id=\"" + id + "\" hx-swap-oob=\"true\">" + (status.reachable() ? "" : "<div class=\"engine-banner\""
        + " role=\"status\">" + who + " unreachable — reconnecting… The list below may be out of date until it is back.</div>")
        + "</div>";
  }

  String render(List<ContainerFeed.Change> changes, Chrome chrome, ContextChoice contexts) {
    StringBuilder out = new StringBuilder();
    for (ContainerFeed.Change change : changes) {
      if (change instanceof ContainerFeed.Counts n) {
        out.append("<span id=\"count\" class=\"count\" hx-swap-oob=\"true\">").append(n.text()).append("</span>");
        continue;
      }
      if (change instanceof ContainerFeed.Delete d) {
        out.append("<template><tr id=\"").append(ListedContainer.rowId(contexts.carried(d.context()), d.id()))
            .append("\" hx-swap-oob=\"delete\"></tr></template>");
        continue;
      }
      Map<String, Object> p = new HashMap<>();
      p.put("chrome", chrome);
      ContainerPage.Row row = change instanceof ContainerFeed.Replace r ? r.row() : ((ContainerFeed.Insert) change).row();
      p.put("c", row.c());
      p.put("context", contexts.carried(row.context()));
      p.put("contextColumn", contexts.all() ? row.context() : null);
      if (change instanceof ContainerFeed.Insert i) {
        p.put("mode", "insert");
        p.put("before", i.before() == null ? null
            : ListedContainer.rowId(contexts.carried(i.before().context()), i.before().c().id()));
      } else {
        p.put("mode", "replace");
        p.put("before", null);
      }
      out.append(views.render("fragment/containerOob.jte", p));
    }
    return out.toString();
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

  /** {@code ?q=} (the name filter; {@code name=}, its earlier name, still read), {@code state=}, {@code label=}. */
  static ContainerFilter filter(Context ctx) {
    String q = ctx.queryParam("q") != null ? ctx.queryParam("q") : ctx.queryParam("name");
    return new ContainerFilter(q, ctx.queryParam("state"), ctx.queryParam("label"));
  }
}
