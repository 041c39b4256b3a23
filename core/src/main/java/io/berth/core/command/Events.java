package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.DockerFormat;
import io.berth.core.render.GoTemplate;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Result;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code events [--since TIME] [--until TIME] [--filter KEY=VALUE]...}: the engine's events. On a terminal
 * ({@code ./berth docker events}), without {@code --until} it follows as docker does: every event from
 * {@code --since} (default: now) as it happens, streamed, until Ctrl-C. Chat and the console answer once, so
 * there Berth answers what happened from {@code --since} (default: the last {@value #DEFAULT_WINDOW_MINUTES}
 * minutes) until {@code --until} (default: now), at most {@value #MAX_EVENTS} events, the newest.
 * An {@code --until} in the future is waited for, up to {@value #MAX_AHEAD_SECONDS} seconds ahead.
 *
 * <p>Scope: {@code --filter container=X} names a container, so X is a target (resolved, scope-checked).
 * A scoped caller sees only container events of containers in their scope (judged by the name and
 * labels the event carries), never image, network or volume events, which belong to no scope.
 */
public record Events(Instant since, Instant until, List<Filter> filters, String format) implements DockerRequest {
  static final int DEFAULT_WINDOW_MINUTES = 10;
  static final int MAX_EVENTS = 500;
  static final int MAX_AHEAD_SECONDS = 60;
  static final List<String> KEYS = List.of("type", "event", "container", "image", "label");
  static final List<String> TYPES = List.of("container", "image", "network", "volume", "daemon", "plugin", "service",
      "node", "secret", "config");
  /** docker's jsonmessage.RFC3339NanoFixed, in UTC. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX")
      .withZone(ZoneOffset.UTC);

  public Events {
    filters = List.copyOf(filters);
    if (since != null && until != null && until.isBefore(since)) {
      throw new IllegalArgumentException("--until " + until + " lies before --since " + since);
    }
  }

  public Events(Instant since, Instant until, List<Filter> filters) {
    this(since, until, filters, null);
  }

  /** One {@code --filter key=value}; values by docker's grammar where they name something. */
  public record Filter(String key, String value) {
    public Filter {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unsupported filter \"" + key + "\" (supported: " + String.join(", ", KEYS) + ")");
      }
      if (value == null || value.isEmpty()) throw new IllegalArgumentException("filter " + key + "= needs a value");
      if (key.equals("type") && !TYPES.contains(value)) {
        throw new IllegalArgumentException("bad type \"" + value + "\" in --filter; use one of " + String.join(", ", TYPES));
      }
      if (key.equals("container") && !ContainerName.isReference(value)) {
        throw new IllegalArgumentException("bad container \"" + value + "\" in --filter container=");
      }
      if (key.equals("image")) ImageRef.parseAny(value);
      if (key.equals("event") && !value.matches("[a-z_: -]{1,40}")) {
        throw new IllegalArgumentException("bad event \"" + value + "\" in --filter; e.g. event=start, event=die");
      }
    }
  }

  /** One engine event: {@code time} with nanoseconds, the actor's id and attributes (name, image, labels…). */
  public record Event(Instant time, String type, String action, String actorId, Map<String, String> attributes) {
    public Event {
      attributes = Map.copyOf(attributes);
    }

    /** docker's line: {@code 2026-11-30T11:31:22.576432707Z container create <id> (k=v, k=v)}. */
    public String line() {
      StringBuilder sb = new StringBuilder(TIME.format(time)).append(' ').append(type).append(' ').append(action)
          .append(' ').append(actorId);
      if (!attributes.isEmpty()) {
        List<String> kv = new ArrayList<>();
        new TreeMap<>(attributes).forEach((k, v) -> kv.add(k + "=" + v));
        sb.append(" (").append(String.join(", ", kv)).append(')');
      }
      return sb.toString();
    }

    /**
     * docker's {@code events.Message} for {@code --format}: {@code .Type}, {@code .Action},
     * {@code .Actor.ID}, {@code .Actor.Attributes}, {@code .Time} (unix seconds), {@code .TimeNano},
     * and the legacy {@code .Status}, {@code .ID}, {@code .From} that the engine fills for container and image events.
     */
    public GoTemplate.Fields fields() {
      boolean legacy = type.equals("container") || type.equals("image");
      String from = type.equals("container") ? attributes.getOrDefault("image", "") : "";
      long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
      Map<String, Object> actor = new LinkedHashMap<>();
      actor.put("ID", actorId);
      actor.put("Attributes", new TreeMap<>(attributes));
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("Status", legacy ? action : "");
      f.put("ID", legacy ? actorId : "");
      f.put("From", from);
      f.put("Type", type);
      f.put("Action", action);
      f.put("Actor", actor);
      f.put("Scope", "local");
      f.put("Time", time.getEpochSecond());
      f.put("TimeNano", nanos);
      return new GoTemplate.Fields() {
        @Override
        public String typeName() {
          return "events.Message";
        }

        @Override
        public Map<String, Object> fields() {
          return f;
        }

        /** Go's encoding/json of events.Message: its struct order and tags, status/id/from left out when empty. */
        @Override
        public String json() {
          Map<String, Object> j = new LinkedHashMap<>();
          if (!f.get("Status").equals("")) j.put("status", f.get("Status"));
          if (!f.get("ID").equals("")) j.put("id", f.get("ID"));
          if (!from.isEmpty()) j.put("from", from);
          j.put("Type", type);
          j.put("Action", action);
          j.put("Actor", actor);
          j.put("scope", "local");
          j.put("time", f.get("Time"));
          j.put("timeNano", nanos);
          return io.berth.core.render.JsonText.compactInOrder(j);
        }
      };
    }
  }

  /** What the engine reported in the window; {@code dropped} older ones were left out to stay under the cap. */
  public record History(List<Event> events, int dropped, String format) implements Result {
    public History {
      events = List.copyOf(events);
    }

    public History(List<Event> events, int dropped) {
      this(events, dropped, null);
    }

    /** The same events printed through {@code format} (null: docker's line). */
    public History formatted(String format) {
      return new History(events, dropped, format);
    }

    @Override
    public String text(PlainTextRenderer r) {
      StringBuilder sb = new StringBuilder();
      if (dropped > 0) sb.append("(").append(dropped).append(" earlier events not shown; narrow --since or --filter)\n");
      events.forEach(e -> sb.append(line(e, format)).append('\n'));
      return sb.toString();
    }
  }

  /** One event as docker prints it: its line, or the {@code --format} template run on its message. */
  public static String line(Event e, String format) {
    if (format == null || format.isEmpty()) return e.line();
    String out = DockerFormat.rows(format, format, List.of(e.fields()), Map.of());
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }

  public static final CommandSpec<Events> SPEC = new CommandSpec<>() {
    @Override public Class<Events> type() { return Events.class; }
    @Override public Grammar<Events> grammar() { return new EventsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Events probe() { return new Events(null, null, List.of()); }

    @Override
    public List<String> containers(Events r) {
      return r.filters().stream().filter(f -> f.key().equals("container")).map(Filter::value).toList();
    }

    @Override
    public Events pin(Events r, List<String> ids) {
      List<Filter> pinned = new ArrayList<>();
      int i = 0;
      for (Filter f : r.filters()) pinned.add(f.key().equals("container") ? new Filter("container", ids.get(i++)) : f);
      return new Events(r.since(), r.until(), pinned, r.format());
    }

    @Override
    public void describe(Events r, Words w) {
      if (r.since() != null) w.option("--since", r.since().toString());
      if (r.until() != null) w.option("--until", r.until().toString());
      r.filters().forEach(f -> w.option("--filter", f.key() + "=" + f.value()));
      w.optional("--format", r.format());
    }

    @Override
    public boolean progressIsOutput(Events r) {
      return r.until() == null; // followed, each event is a line of output as it comes (never held, never capped)
    }

    @Override
    public boolean followsOnTerminal(Events r) {
      return r.until() == null;
    }

    @Override
    public History execute(Events r, Execution x) {
      if (r.until() == null && x.progress().follows()) return follow(r, x);
      Instant now = Instant.now();
      Instant until = r.until() == null ? now : r.until();
      if (until.isAfter(now.plusSeconds(MAX_AHEAD_SECONDS))) {
        throw new io.berth.core.engine.EngineException(io.berth.core.result.Failure.INVALID, "events: --until " + until
            + " lies more than " + MAX_AHEAD_SECONDS + "s ahead; Berth answers once and waits at most that long");
      }
      Instant since = r.since() == null ? until.minus(Duration.ofMinutes(DEFAULT_WINDOW_MINUTES)) : r.since();
      History h = x.engine().events(since, until, engineFilters(r, x), MAX_EVENTS);
      List<Event> visible = h.events().stream().filter(visibleTo(x)).toList();
      return Ps.Formats.checked(new History(visible, h.dropped(), r.format()));
    }
  };

  /**
   * docker events without --until, on a terminal: the engine's stream from --since (null: now) through the
   * same filters and scope as the window, each event one line of output as it comes, until the caller stops
   * it (the CLI interrupts this thread on Ctrl-C); it then ends as a success, everything already printed.
   */
  private static History follow(Events r, Execution x) {
    Followed f = new Followed(r, x);
    x.engine().followEvents(r.since(), f.filters, f::deliver);
    Thread.interrupted(); // the caller's stop signal is spent: what follows (the audit record) must not see it
    return f.ended();
  }

  /**
   * One context's part of {@code events --context all} followed: as {@link #follow}, but an engine that drops out
   * (its stream breaks, ends, or it cannot be reached) is told once to {@code dropped} and followed again after
   * {@code backoff}, asked first with a ping, from just after the last event it sent (none yet: --since, else the
   * moment the follow began), so nothing is shown twice; until the caller interrupts this thread. An engine answering
   * 5xx (a daemon shutting down answers 500/503) is a drop too. A request the engine refuses (4xx: a bad filter) is
   * not retried: it ends this context's follow with the engine's error.
   */
  public static History followReconnecting(Events r, Execution x, java.util.function.Consumer<String> dropped,
      io.berth.core.engine.Backoff backoff) {
    Followed f = new Followed(r, x);
    Instant began = Instant.now();
    boolean first = true;
    boolean down = false;
    while (!Thread.currentThread().isInterrupted() && f.bad == null) {
      try {
        if (down) {
          x.engine().ping(); // answers again: open the stream once more
          down = false;
          backoff.reset();
        }
        Instant from = f.last != null ? f.last.plusNanos(1) : first ? r.since() : r.since() != null ? r.since() : began;
        first = false;
        x.engine().followEvents(from, f.filters, f::deliver);
        if (Thread.currentThread().isInterrupted()) break;
        if (!down) dropped.accept("the engine ended its event stream");
        down = true;
      } catch (io.berth.core.engine.EngineException e) {
        if (Thread.currentThread().isInterrupted()) break;
        // unreachable, silent, or answering 5xx (a daemon shutting down): it may come back; a 4xx would be refused again
        if (e.kind() != io.berth.core.result.Failure.ENGINE_UNREACHABLE && e.kind() != io.berth.core.result.Failure.TIMEOUT
            && !e.engineFault()) {
          throw e;
        }
        if (!down) dropped.accept(e.getMessage());
        down = true;
      }
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        break;
      }
    }
    Thread.interrupted(); // as follow: the stop signal is spent before the audit record is written
    return f.ended();
  }

  /** One follow's state: its engine filters and scope, the last event's time (to reopen after it), a template error. */
  private static final class Followed {
    final Events request;
    final Execution x;
    final Map<String, List<String>> filters;
    final java.util.function.Predicate<Event> visible;
    volatile Instant last;
    volatile GoTemplate.TemplateException bad;

    Followed(Events request, Execution x) {
      this.request = request;
      this.x = x;
      this.filters = engineFilters(request, x);
      this.visible = visibleTo(x);
    }

    void deliver(Event e) {
      if (e.time() != null && (last == null || e.time().isAfter(last))) last = e.time();
      if (bad != null || !visible.test(e)) return;
      try {
        x.progress().on(new io.berth.core.result.Progress.Line(line(e, request.format())));
      } catch (GoTemplate.TemplateException t) {
        bad = t; // a field the message lacks: docker stops with the template error
      }
    }

    History ended() {
      if (bad != null) throw new io.berth.core.engine.EngineException(io.berth.core.result.Failure.INVALID,
          "template parsing error: " + bad.getMessage());
      return new History(List.of(), 0, request.format());
    }
  }

  /** The request's filters for the engine; a scoped caller's narrowed to container events. */
  private static Map<String, List<String>> engineFilters(Events r, Execution x) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Filter f : r.filters()) byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f.value());
    if (!x.unrestricted()) byKey.put("type", List.of("container"));
    return byKey;
  }

  /** Everything to an unrestricted caller; else container events of containers in scope (by the name and labels the event carries). */
  private static java.util.function.Predicate<Event> visibleTo(Execution x) {
    if (x.unrestricted()) return e -> true;
    return e -> e.type().equals("container") && x.inScope().test(
        new ContainerSummary(e.actorId(), e.attributes().getOrDefault("name", ""), e.attributes().getOrDefault("image", ""),
            "", "", List.of(), Instant.EPOCH, e.attributes()));
  }

  @Command(name = "events", description = "Get real time events from the server (followed on a terminal; see help).",
      customSynopsis = "events [--since TIME] [--until TIME] [--filter KEY=VALUE]... [--format FORMAT]",
      footer = {"", "Without --until ./berth docker events follows until Ctrl-C (from --since, default now), as docker does.",
          "Chat and the console answer once: without --until up to now; without --since, the last 10 minutes (at most 500 events).",
          "Filters: type=container|image|network|volume, event=start|die|..., container=NAME, image=REF, label=KEY[=VALUE]."})
  static final class EventsGrammar extends Grammar<Events> {
    @Option(names = "--since", paramLabel = "TIME", description = "Show events since: 10m, 1h30m, 2026-11-30T10:00:00Z, unix seconds.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Stream events until this time (same forms; default now).")
    String until;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter output; repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes}} {{.Time}} {{.TimeNano}} "
            + "{{.Status}} {{.ID}} {{.From}}; {{json .}} (or 'json') one object per line.")
    String format;

    @Override
    public Events toRequest(ArgumentReader in) {
      List<Filter> fs = new ArrayList<>();
      for (String f : filters) {
        int eq = f.indexOf('=');
        if (eq <= 0 || eq == f.length() - 1) throw in.error("bad filter \"" + f + "\"; write --filter KEY=VALUE (e.g. --filter event=die)");
        fs.add(new Filter(f.substring(0, eq), f.substring(eq + 1)));
      }
      return new Events(in.time("--since", since), in.time("--until", until), fs, Ps.Formats.parsed(in, format));
    }
  }
}
