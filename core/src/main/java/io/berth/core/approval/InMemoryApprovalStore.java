package io.berth.core.approval;

import io.berth.core.model.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The approval store of a single Berth: a map in memory. A restart forgets what was pending, so
 * nothing approved before it runs after it (the safe direction). Closed requests are kept for a day
 * so a late press gets "already decided", then dropped.
 */
public final class InMemoryApprovalStore implements ApprovalStore {
  private static final Duration KEEP_CLOSED = Duration.ofDays(1);

  private final Map<String, ApprovalRequest> requests = new ConcurrentHashMap<>();
  /** Request id to the platforms it was announced on, each with the messages that announced it there. */
  private final Map<String, Map<String, List<String>>> announced = new ConcurrentHashMap<>();
  private final ApprovalListeners listeners = new ApprovalListeners();
  private final Clock clock;

  public InMemoryApprovalStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void add(ApprovalRequest request) {
    requests.values().removeIf(r -> !r.open() && r.state() != ApprovalRequest.State.RUNNING
        && clock.instant().isAfter(r.expiresAt().plus(KEEP_CLOSED)));
    announced.keySet().retainAll(requests.keySet());
    if (requests.putIfAbsent(request.id(), request) != null) {
      throw new IllegalStateException("approval request " + request.id() + " exists already");
    }
    listeners.tell(request);
  }

  @Override
  public Optional<ApprovalRequest> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(requests.get(id));
  }

  @Override
  public List<ApprovalRequest> pending() {
    return requests.values().stream().filter(ApprovalRequest::open)
        .sorted(Comparator.comparing(ApprovalRequest::requestedAt)).toList();
  }

  @Override
  public boolean replace(ApprovalRequest expected, ApprovalRequest next) {
    boolean[] done = {false};
    requests.computeIfPresent(expected.id(), (id, current) -> {
      if (current.version() != expected.version()) return current;
      done[0] = true;
      return next;
    });
    if (done[0]) listeners.tell(next);
    return done[0];
  }

  @Override
  public boolean announce(ApprovalRequest request, String platform) {
    return announced.computeIfAbsent(request.id(), id -> new ConcurrentHashMap<>()).putIfAbsent(platform, List.of()) == null;
  }

  @Override
  public void announced(ApprovalRequest request, String platform, List<String> messages) {
    Map<String, List<String>> claims = announced.get(request.id());
    if (claims != null) claims.computeIfPresent(platform, (p, before) -> List.copyOf(messages));
  }

  @Override
  public List<String> announcedMessages(String requestId, String platform) {
    Map<String, List<String>> claims = requestId == null ? null : announced.get(requestId);
    return claims == null ? List.of() : claims.getOrDefault(platform, List.of());
  }

  @Override
  public Subscription watch(Consumer<ApprovalRequest> listener) {
    return listeners.add(listener);
  }

}
