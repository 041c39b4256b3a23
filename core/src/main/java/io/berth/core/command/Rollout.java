package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.SwarmObject;
import io.berth.core.result.Failure;
import io.berth.core.result.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Waits for a replicated service to converge after a create, update, scale or rollback, showing progress as the
 * docker CLI does (cli/command/service/progress): {@code overall progress: x out of y tasks}, one line per slot
 * with the task's state as a bar (or its error), then {@code verify: Service converged}. Lines go to the
 * execution's progress as they change (the CLI prints them, chat edits one message); the last block is returned.
 * A paused or rolled-back update fails naming the task that failed and the engine's reason (its Status.Err).
 */
final class Rollout {
  /** docker's numberedStates: how far along a task is, out of {@link #RUNNING}. */
  private static final List<String> STATES =
      List.of("new", "allocated", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running");
  private static final int RUNNING = STATES.size();
  private static final int BAR = 50;
  static final Duration POLL = Duration.ofMillis(500);
  /** Converged for this long in a row before it counts (docker waits its monitor period; tasks that crash show by then). */
  static final Duration STABLE = Duration.ofSeconds(2);

  private final Execution x;
  private final Clock clock;

  /** Time and sleeping, so the loop can be tested without waiting. */
  interface Clock {
    Instant now();

    void sleep(Duration d) throws InterruptedException;

    Clock SYSTEM = new Clock() {
      public Instant now() { return Instant.now(); }
      public void sleep(Duration d) throws InterruptedException { Thread.sleep(d.toMillis()); }
    };
  }

  Rollout(Execution x, Clock clock) {
    this.x = x;
    this.clock = clock;
  }

  Rollout(Execution x) {
    this(x, Clock.SYSTEM);
  }

  /** One look at the service: the progress block and whether it converged or failed. */
  record Look(List<String> lines, boolean converged, String failure) {}

  /**
   * Until the service converges (returns the last block with {@code verify: Service converged}), fails (INVALID
   * naming the task) or {@code limit} passes (TIMEOUT with the last block).
   */
  String await(String serviceId, boolean rollback, Duration limit) {
    Instant end = clock.now().plus(limit);
    Instant convergedSince = null;
    List<String> shown = List.of();
    while (true) {
      JsonNode service = Swarm.json(x.engine().swarmInspect(SwarmObject.SERVICE, serviceId));
      List<JsonNode> tasks = Swarm.list(x, SwarmObject.TASK, Map.of("service", List.of(serviceId)));
      Look look = look(service, tasks, rollback);
      if (!look.lines().equals(shown)) {
        for (int i = 0; i < look.lines().size(); i++) {
          if (i < shown.size() && look.lines().get(i).equals(shown.get(i))) continue;
          x.progress().on(progress(look.lines().get(i)));
        }
        shown = look.lines();
      }
      if (look.failure() != null) throw new EngineException(Failure.INVALID, look.failure());
      Instant now = clock.now();
      if (look.converged()) {
        if (convergedSince == null) convergedSince = now;
        if (!now.isBefore(convergedSince.plus(STABLE))) {
          x.progress().on(new Progress.Line("verify: Service converged"));
          return String.join("\n", look.lines()) + "\nverify: Service converged\n";
        }
      } else {
        convergedSince = null;
      }
      if (now.isAfter(end)) {
        throw new EngineException(Failure.TIMEOUT, String.join("\n", look.lines()) + "\nthe service did not converge within "
            + io.berth.core.config.DurationText.format(limit) + "; it goes on converging (see service ps)");
      }
      try {
        clock.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException(Failure.TIMEOUT, "stopped waiting for the service to converge; it goes on (see service ps)");
      }
    }
  }

  /**
   * A line of the block as progress: {@code overall progress} and each slot ({@code 2/4}) as a keyed layer, so a
   * view that keeps one line per key (chat's edited message, as pull's layers) rewrites it in place as docker's
   * terminal does; other lines ({@code rollback: …}) as they are.
   */
  static Progress progress(String line) {
    int colon = line.indexOf(": ");
    String key = colon < 0 ? "" : line.substring(0, colon);
    // a replicated service's slot (2/4), a global one's node (its 12-character short id)
    if (key.equals("overall progress") || key.matches("\\d+/\\d+") || key.matches("[a-z0-9]{12}")) {
      return new Progress.Layer(key, line.substring(colon + 2), null, null);
    }
    return new Progress.Line(line);
  }

  /**
   * The progress block for one look at a service and its tasks (pure: unit-tested). A replicated service has one
   * line per slot ({@code 2/4: …}); a global one, as docker's global progress, one per node that should run a task,
   * keyed by the node's short id, and as many tasks wanted as there are such nodes.
   */
  static Look look(JsonNode service, List<JsonNode> tasks, boolean rollback) {
    String name = service.path("Spec").path("Name").asText();
    boolean global = service.path("Spec").path("Mode").has("Global");
    int replicas = service.path("Spec").path("Mode").path("Replicated").path("Replicas").asInt(0);
    String image = service.path("Spec").path("TaskTemplate").path("ContainerSpec").path("Image").asText();
    String update = service.path("UpdateStatus").path("State").asText("");
    // per slot (per node for a global service): the newest task the orchestrator still wants running
    Map<String, JsonNode> bySlot = new TreeMap<>();
    JsonNode lastFailed = null;
    for (JsonNode t : tasks) {
      String state = t.path("Status").path("State").asText();
      if (List.of("failed", "rejected").contains(state)
          && (lastFailed == null || newer(t, lastFailed))) {
        lastFailed = t;
      }
      if (!t.path("DesiredState").asText().equals("running")) continue;
      String key;
      if (global) {
        key = t.path("NodeID").asText();
        if (key.isEmpty()) continue;
      } else {
        int slot = t.path("Slot").asInt(0);
        if (slot < 1 || slot > replicas) continue;
        key = String.format("%010d", slot);
      }
      JsonNode seen = bySlot.get(key);
      if (seen == null || newer(t, seen)) bySlot.put(key, t);
    }
    int wanted = global ? bySlot.size() : replicas;
    List<String> keys = new ArrayList<>();
    if (global) keys.addAll(bySlot.keySet());
    else for (int slot = 1; slot <= replicas; slot++) keys.add(String.format("%010d", slot));
    int running = 0;
    List<String> slots = new ArrayList<>();
    for (String key : keys) {
      JsonNode t = bySlot.get(key);
      String label = (global ? (key.length() > 12 ? key.substring(0, 12) : key) : Integer.parseInt(key) + "/" + replicas) + ": ";
      if (t == null) {
        slots.add(label.stripTrailing());
        continue;
      }
      String state = t.path("Status").path("State").asText();
      String err = t.path("Status").path("Err").asText("");
      boolean current = Objects.equals(t.path("Spec").path("ContainerSpec").path("Image").asText(), image);
      if (state.equals("running") && current) running++;
      if (!err.isEmpty() && !state.equals("running")) {
        slots.add(label + err);
      } else {
        int n = Math.max(0, STATES.indexOf(state) + 1);
        int filled = n * BAR / RUNNING;
        slots.add(label + String.format("%-9s", state) + " [" + "=".repeat(filled) + ">" + " ".repeat(BAR - filled) + "]");
      }
    }
    List<String> lines = new ArrayList<>();
    boolean rollingBack = rollback || update.startsWith("rollback");
    if (rollingBack) lines.add("rollback: " + (rollback ? "manually requested rollback" : service.path("UpdateStatus").path("Message").asText()));
    lines.add("overall progress: " + (rollingBack ? "rolling back update: " : "") + running + " out of " + wanted + " tasks");
    lines.addAll(slots);
    String failure = null;
    if (update.equals("paused") || update.equals("rollback_paused") || (!rollback && update.startsWith("rollback"))) {
      failure = "update of service " + name + " " + (update.equals("paused") ? "paused" : "rolled back") + ": "
          + service.path("UpdateStatus").path("Message").asText("")
          + (lastFailed == null ? "" : "; task " + name + "." + lastFailed.path("Slot").asText() + " ("
              + lastFailed.path("ID").asText() + ") failed: " + lastFailed.path("Status").path("Err").asText(""));
      if (update.equals("rollback_started")) failure = null; // wait for the rollback to finish, then say so
    }
    boolean settled = update.isEmpty() || update.equals("completed") || update.equals("rollback_completed");
    return new Look(lines, failure == null && settled && running == wanted && bySlot.size() == wanted, failure);
  }

  private static boolean newer(JsonNode a, JsonNode b) {
    return created(a).isAfter(created(b));
  }

  private static Instant created(JsonNode t) {
    try {
      return Instant.parse(t.path("Meta").path("CreatedAt").asText());
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
