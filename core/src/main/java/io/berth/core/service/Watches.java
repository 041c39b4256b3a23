package io.berth.core.service;

import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Subscription;
import io.berth.core.policy.Decision;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.EngineStatus;
import io.berth.core.result.LogLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Live streams for the console and notifications: a followed log, container events. */
final class Watches {
  private final AuditedStep step;

  Watches(AuditedStep step) {
    this.step = step;
  }

  /**
   * Follows a container's log. Authorized and audited like {@code logs} (nothing here can wait for
   * a confirmation); the subscription must be closed to release the engine connection.
   */
  CommandService.Following followLogs(Caller caller, Logs request, Consumer<LogLine> sink) {
    Attempt a = step.attempt(caller, step.language.describe(request) + " --follow", request.action(),
        request.target());
    AuditedStep.Step<Subscription> s = step.authorizeAndRun(a, request, AuditedStep.Confirmation.REFUSE, null,
        "follow started", null, (user, pinned, engine) -> {
          Logs l = (Logs) pinned;
          return engine.followLogs(l.container(), l.tail(), l.timestamps(), sink);
        });
    return new CommandService.Following(s.outcome(), s.value());
  }

  /**
   * Live container events of {@code context} (null: the default) narrowed to what the caller may see there (their
   * role and scope in that context), telling {@code status} when that engine is lost and back. Empty when the caller
   * may not list containers there; an unknown context fails naming the known ones.
   */
  Optional<Subscription> events(Caller caller, String context, Consumer<ContainerEvent> sink,
      Consumer<EngineStatus> status) {
    String where = step.engines.checked(context, false);
    Optional<BerthUser> user = step.policy.identify(caller).map(u -> step.policy.inContext(u, where));
    if (user.isEmpty()
        || !(step.policy.decide(user.get(), caller, Ps.running(), Optional.empty()) instanceof Decision.Allow)) {
      return Optional.empty();
    }
    BerthUser u = user.get();
    return Optional.of(step.engines.engine(where).events(event -> {
      ContainerSummary probe = new ContainerSummary(event.containerId(), event.name(), "", "", "",
          List.of(), Instant.EPOCH, event.attributes());
      if (step.policy.inScope(u, probe)) sink.accept(event);
    }, status));
  }

  /**
   * A Swarm manager's service and node events in {@code context} (null: the default), for a caller whose role there
   * may list services; service events narrowed to the caller's scope ({@link SwarmWatch}). Empty when the caller may
   * not; an unknown context is refused (IllegalArgumentException naming the known ones).
   */
  Optional<Subscription> swarmEvents(Caller caller, String context, Consumer<io.berth.core.command.Events.Event> sink,
      Consumer<EngineStatus> status) {
    String where;
    try {
      where = step.engines.checked(context, false);
    } catch (io.berth.core.engine.EngineException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Optional<BerthUser> user = step.policy.identify(caller).map(u -> step.policy.inContext(u, where));
    if (user.isEmpty() || !(step.policy.decide(user.get(), caller, io.berth.core.command.ServiceLs.SPEC.probe(),
        Optional.empty()) instanceof Decision.Allow)) {
      return Optional.empty();
    }
    BerthUser u = user.get();
    return Optional.of(new SwarmWatch(where, step.engines.engine(where), c -> step.policy.inScope(u, c), sink, status).start());
  }

  /** Every container event of {@code context} (null: the default), unfiltered: for notifications and the timeline. */
  Subscription systemEvents(String context, Consumer<ContainerEvent> sink) {
    return step.engines.engine(step.engines.checked(context, false)).events(sink);
  }
}
