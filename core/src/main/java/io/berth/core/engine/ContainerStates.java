package io.berth.core.engine;

import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an event stream has told about each container, so that a reconnect can report what it
 * missed. While an engine is down (or restarting) no events are sent, and a restarted engine has
 * forgotten the events of the old process; so after a reopen the container list is compared with
 * what was known and the differences become synthetic events (create, start, die with its exit
 * code, pause, unpause, destroy). The engine may still replay some of the same changes (events
 * {@code since} the last one seen, or the restart's own die events arriving late): a real event that
 * repeats a synthetic one for the same container is dropped, so each change is reported once.
 * Thread-safe: real events arrive on the engine's thread, reconciliation runs on the stream's.
 */
public final class ContainerStates {
  private final Map<String, ContainerSummary> known = new HashMap<>();
  /** Synthetic actions per container not yet matched by a real one. */
  private final Map<String, List<String>> synthesized = new HashMap<>();
  /** Containers an event changed while a seeding list was in flight: the event is newer. */
  private final Set<String> touched = new HashSet<>();
  private boolean seeded;

  public synchronized boolean seeded() {
    return seeded;
  }

  /** Call before listing for {@link #seed}: changes from events during the list win over the list. */
  public synchronized void beginSeed() {
    touched.clear();
  }

  /** The first list after the stream started: what is there now (no events). */
  public synchronized void seed(List<ContainerSummary> rows) {
    for (ContainerSummary c : rows) {
      if (!touched.contains(c.id())) known.put(c.id(), c);
    }
    seeded = true;
  }

  /**
   * A real event from the engine: remembers the state it implies. False when it repeats what
   * reconciliation already reported for that container (drop it).
   */
  public synchronized boolean observe(ContainerEvent e) {
    String id = e.containerId();
    String action = e.action() == null ? "" : e.action();
    String state = stateAfter(action);
    touched.add(id);
    List<String> pending = synthesized.get(id);
    if (pending != null) {
      if (pending.remove(action)) {
        if (pending.isEmpty()) synthesized.remove(id);
        return false;
      }
      if (state != null) synthesized.remove(id); // a new change: its history goes on from here
    }
    if ("destroy".equals(action)) {
      known.remove(id);
      synthesized.remove(id);
    } else if (state != null) {
      ContainerSummary before = known.get(id);
      known.put(id, before == null ? fromEvent(e, state) : with(before, state, e));
    }
    return true;
  }

  /**
   * After a reopen: compares the engine's list now with what was known and returns the events that
   * were missed, oldest first per container; remembers them so a late real copy is dropped.
   */
  public synchronized List<ContainerEvent> reconcile(List<ContainerSummary> rows, Instant at) {
    List<ContainerEvent> out = new ArrayList<>();
    Map<String, ContainerSummary> now = new LinkedHashMap<>();
    rows.forEach(c -> now.put(c.id(), c));
    for (ContainerSummary c : now.values()) {
      ContainerSummary before = known.get(c.id());
      List<String> actions = new ArrayList<>();
      String was = before == null ? null : word(before.state());
      if (was == null) actions.add("create");
      String is = word(c.state());
      if (!is.equals(was == null ? "created" : was)) {
        switch (is) {
          case "running" -> actions.add("paused".equals(was) ? "unpause" : "start");
          case "paused" -> {
            if (!"running".equals(was)) actions.add("start");
            actions.add("pause");
          }
          case "exited" -> {
            if (was == null || "created".equals(was)) actions.add("start");
            actions.add("die");
          }
          default -> { }
        }
      }
      for (String a : actions) out.add(event(c, a, at));
      if (!actions.isEmpty()) synthesized.computeIfAbsent(c.id(), k -> new ArrayList<>()).addAll(actions);
    }
    for (ContainerSummary gone : known.values()) {
      if (!now.containsKey(gone.id())) {
        out.add(event(gone, "destroy", at));
        synthesized.remove(gone.id());
      }
    }
    known.clear();
    known.putAll(now);
    seeded = true;
    return out;
  }

  /** The state words a list and events share; restarting and removing count as what they end in. */
  private static String word(String state) {
    return switch (state == null ? "" : state) {
      case "running", "restarting" -> "running";
      case "paused" -> "paused";
      case "exited", "dead" -> "exited";
      default -> "created";
    };
  }

  private static String stateAfter(String action) {
    return switch (action) {
      case "create" -> "created";
      case "start", "restart", "unpause" -> "running";
      case "die" -> "exited";
      case "pause" -> "paused";
      default -> null;
    };
  }

  private static ContainerEvent event(ContainerSummary c, String action, Instant at) {
    Map<String, String> attrs = new HashMap<>(c.labels());
    attrs.put("name", c.name());
    attrs.put("image", c.image());
    Integer exit = null;
    if ("die".equals(action)) {
      exit = c.exitCode();
      if (exit != null) attrs.put("exitCode", exit.toString());
    }
    return new ContainerEvent(at, c.id(), c.name(), action, exit, attrs);
  }

  private static ContainerSummary fromEvent(ContainerEvent e, String state) {
    Map<String, String> labels = new HashMap<>(e.attributes());
    String image = labels.remove("image");
    labels.remove("name");
    labels.remove("exitCode");
    labels.remove("signal");
    return new ContainerSummary(e.containerId(), e.name() == null ? "" : e.name(), image == null ? "" : image,
        state, status(state, e), List.of(), e.time() == null ? Instant.EPOCH : e.time(), labels);
  }

  private static ContainerSummary with(ContainerSummary c, String state, ContainerEvent e) {
    String name = e.name() == null || e.name().isEmpty() ? c.name() : e.name();
    return new ContainerSummary(c.id(), name, c.image(), state, status(state, e), c.ports(), c.created(), c.labels());
  }

  /** Enough of docker's status for {@link ContainerSummary#exitCode()}. */
  private static String status(String state, ContainerEvent e) {
    return "exited".equals(state) ? "Exited (" + (e.exitCode() == null ? 0 : e.exitCode()) + ")" : state;
  }
}
