package io.berth.web.containers;

import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.CommandTokenizer;
import io.berth.core.language.TimeText;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditedCommand;
import io.berth.core.command.AuditQuery;
import io.berth.core.command.Exec;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Stats;
import io.berth.core.model.Caller;
import io.berth.core.result.AuditPage;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.StatsSnapshot;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.live.EventRing;
import io.berth.web.live.SseChannel;
import io.berth.web.live.SseHub;
import io.berth.web.view.ContextChoice;
import io.berth.web.view.Flash;
import io.berth.web.view.TimelineEntry;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One container: summary, stats, logs (load, follow, search, download), exec and timeline. */
public final class ContainerController {
  private static final int DEFAULT_TAIL = 200;

  private final CommandService commands;
  private final RequestContext req;
  private final Views views;
  private final Outcomes outcomes;
  private final SseHub hub;
  private final EventRing ring;
  private final int logLinesKept;
  private final Clock clock;

  public ContainerController(CommandService commands, RequestContext req, Views views, Outcomes outcomes, SseHub hub,
      EventRing ring, int logLinesKept, Clock clock) {
    this.commands = commands;
    this.req = req;
    this.views = views;
    this.outcomes = outcomes;
    this.hub = hub;
    this.ring = ring;
    this.logLinesKept = logLinesKept;
    this.clock = clock;
  }

  /**
   * The container a page request names: {@code /containers/ID}, and outside the default context
   * {@code ?context=CTX} (as the list's), which the core gets as its {@code CTX/ID} target.
   */
  private String target(Context ctx) {
    return ContextParam.target(commands, ctx.pathParam("id"), ctx.queryParam("context"));
  }

  /** The context this page is in (null: the default), carried by its links, streams and buttons. */
  private String carried(Context ctx) {
    ContextChoice c = ContextParam.read(commands, ctx.queryParam("context"), false);
    return c.carried(c.selected());
  }

  public void page(Context ctx) {
    Outcome o = commands.execute(req.caller(ctx), new Inspect(target(ctx)), null, ProgressListener.IGNORE);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, "containers"));
    if (o instanceof Outcome.Succeeded s && s.result() instanceof ContainerDetails d) {
      p.put("d", d);
      p.put("context", carried(ctx));
      views.page(ctx, "container", p);
    } else {
      p.put("flash", Outcomes.flash(o));
      ctx.status(o instanceof Outcome.Denied ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND);
      views.page(ctx, "problem", p);
    }
  }

  public void stats(Context ctx) {
    Outcome o = commands.execute(req.caller(ctx), new Stats(target(ctx)), null, ProgressListener.IGNORE);
    if (o instanceof Outcome.Succeeded s && s.result() instanceof StatsSnapshot st) {
      views.fragment(ctx, "stats", Map.of("s", st));
    } else {
      outcomes.respond(ctx, o, "#stats");
    }
  }

  public void logs(Context ctx) {
    Logs request = logsRequest(ctx);
    Outcome o = commands.execute(req.caller(ctx), request, null, ProgressListener.IGNORE);
    if (o instanceof Outcome.Succeeded s && s.result() instanceof LogOutput out) {
      views.fragment(ctx, "logs", Map.of("lines", out.lines(), "truncated", out.truncated()));
    } else {
      outcomes.respond(ctx, o, "#log");
    }
  }

  /** SSE: new lines as they are written, batched; the follow ends when the page goes away. */
  public void follow(SseClient client) {
    Context ctx = client.ctx();
    boolean timestamps = "on".equals(ctx.queryParam("timestamps")) || "true".equals(ctx.queryParam("timestamps"));
    Logs request = new Logs(target(ctx), 0, null, timestamps);
    AtomicReference<Runnable> stop = new AtomicReference<>(() -> {});
    SseChannel ch = hub.open(client, () -> stop.get().run());
    LogBatcher batcher = new LogBatcher(logLinesKept, ch);
    CommandService.Following f = commands.followLogs(req.caller(ctx), request, batcher);
    if (!f.started()) {
      ch.send("refused", Outcomes.flash(f.outcome()).text());
      ch.close();
      return;
    }
    ScheduledFuture<?> tick = hub.timer().scheduleWithFixedDelay(() -> {
      if (!batcher.flush()) ch.close();
    }, 100, 100, TimeUnit.MILLISECONDS);
    stop.set(() -> {
      tick.cancel(false);
      f.subscription().close();
    });
    if (!ch.open()) stop.get().run();
    ch.send("following", "on"); // an SSE event without data is never dispatched
  }

  public void download(Context ctx) throws IOException {
    Logs request = logsRequest(ctx);
    Outcome o = commands.execute(req.caller(ctx), request, null, ProgressListener.IGNORE);
    if (!(o instanceof Outcome.Succeeded s && s.result() instanceof LogOutput out)) {
      Flash f = Outcomes.flash(o);
      ctx.status(o instanceof Outcome.Denied ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND)
          .contentType("text/plain; charset=utf-8").result(f.title() + ": " + f.text());
      return;
    }
    String file = out.container().replaceAll("[^A-Za-z0-9_.-]", "_") + ".log";
    ctx.contentType("text/plain; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
    for (LogLine l : out.lines()) {
      if (l.timestamp() != null) w.write(l.timestamp() + " ");
      w.write(l.text());
      w.write('\n');
    }
    w.flush();
  }

  public void exec(Context ctx) {
    String id = target(ctx);
    List<String> command;
    try {
      command = CommandTokenizer.words(ctx.formParam("command"));
    } catch (CommandSyntaxException e) {
      command = List.of();
    }
    if (command.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST);
      views.fragment(ctx, "outcomes", Map.of("flashes",
          List.of(new Flash("failed", "Enter a command", "e.g. ls -la /", null)), "confirm", Optional.empty()));
      return;
    }
    String workdir = ctx.formParam("workdir");
    Exec exec = new Exec(id, command, List.of(), workdir == null || workdir.isBlank() ? null : workdir.strip());
    outcomes.respond(ctx, commands.execute(req.caller(ctx), exec, null, ProgressListener.IGNORE), "#exec-out");
  }

  /** Docker events Berth saw for this container merged with the people's actions on it. */
  public void timeline(Context ctx) {
    Caller caller = req.caller(ctx);
    Outcome o = commands.execute(caller, new Inspect(target(ctx)), null, ProgressListener.IGNORE);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, "containers"));
    if (!(o instanceof Outcome.Succeeded s && s.result() instanceof ContainerDetails d)) {
      p.put("flash", Outcomes.flash(o));
      ctx.status(HttpStatus.NOT_FOUND);
      views.page(ctx, "problem", p);
      return;
    }
    List<TimelineEntry> entries = new ArrayList<>();
    for (ContainerEvent e : ring.of(d.summary().id())) {
      String what = e.action() + (e.exitCode() == null ? "" : " (exit " + e.exitCode() + ")");
      entries.add(new TimelineEntry(e.time(), "docker", "docker", what, ""));
    }
    Optional<String> auditNote = Optional.empty();
    // the container is the page's context's (?context=, else the default): with several endpoints a same-named
    // container elsewhere is another one, so only the records made in this context, read as the caller is here
    // (their scope in this context decides which records they see)
    ContextChoice here = ContextParam.read(commands, ctx.queryParam("context"), false);
    AuditFilter f = new AuditFilter(null, null, null, d.summary().name(), null, null, null, null, null)
        .inContext(here.several() ? here.selected() : null);
    Outcome a = commands.execute(caller, here.carried(here.selected()), new AuditQuery(f, 200), null,
        ProgressListener.IGNORE, null);
    if (a instanceof Outcome.Succeeded as && as.result() instanceof AuditPage page) {
      for (AuditedCommand c : page.commands()) { // one entry per command, at its newest step
        var e = c.request();
        String who = (e.berthUser() == null ? "unknown" : e.berthUser()) + " via " + e.source().id();
        entries.add(new TimelineEntry(c.ended(), "berth", who, e.commandText() == null ? e.action() : e.commandText(),
            c.outcome().id()));
      }
    } else {
      auditNote = Optional.of(Outcomes.flash(a).text());
    }
    entries.sort(Comparator.comparing(TimelineEntry::time).reversed());
    p.put("d", d);
    p.put("context", carried(ctx));
    p.put("entries", entries);
    p.put("auditNote", auditNote);
    views.page(ctx, "timeline", p);
  }

  private Logs logsRequest(Context ctx) {
    Integer tail = DEFAULT_TAIL;
    String t = ctx.queryParam("tail");
    if (t != null && !t.isBlank()) {
      tail = "all".equals(t.strip()) ? null : parseTail(t.strip());
    }
    Instant since;
    try {
      since = TimeText.parse("since", ctx.queryParam("since"), clock);
    } catch (IllegalArgumentException e) {
      throw new io.javalin.http.BadRequestResponse(e.getMessage());
    }
    boolean ts = "on".equals(ctx.queryParam("timestamps")) || "true".equals(ctx.queryParam("timestamps"));
    return new Logs(target(ctx), tail, since, ts);
  }

  private static Integer parseTail(String t) {
    try {
      int n = Integer.parseInt(t);
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new io.javalin.http.BadRequestResponse("tail must be a number or all");
    }
  }
}
