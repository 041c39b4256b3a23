package io.berth.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.command.RequestJson;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.model.Subscription;
import io.berth.core.replica.Sealer;
import io.berth.core.replica.SharedStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Approval requests in the replicas' {@link SharedStore} (space {@code approval}), so an Approve pressed on
 * any replica finds the request another one holds. Each entry is the request as JSON sealed under the
 * entry's id ({@link Sealer}): a pending {@code run -e PASSWORD=…} is never readable in the database, and
 * an entry sealed under another key is not a request of ours. {@link #replace} is the store's
 * compare-and-set on the sealed value last read, after checking its version: of two approvers pressing
 * at once on two replicas exactly one moves it on, so an approval counts once and a request runs once.
 *
 * <p>{@link #watch} hears the changes made through this replica at once and, while anyone watches, the decisions
 * other replicas took (approved, ran, rejected, expired): a short poll of the shared store ({@link #POLL_EVERY}; the
 * store is a port with no notifications, the same on PostgreSQL and in memory), so a requester waiting on this
 * replica (its chat message, edited by this replica's board) hears a decision taken on another. A watcher hears
 * each request's versions in order, each at most once (one another replica wrote and replaced within one poll is
 * skipped: the newer one is what there is to show). A request <em>held</em> on another replica is told here too, so
 * the leader's Discord board hears what a follower holds; every board that hears it asks {@link #announce} first, so
 * it is posted once per chat platform however many replicas hear it.
 */
public final class SharedApprovalStore implements ApprovalStore {
  static final String SPACE = "approval";
  /** Who announced which request on which platform: its own space, so {@link #pending} never reads it. */
  static final String ANNOUNCED = "approval-announced";
  /** As {@link InMemoryApprovalStore}: a late press on a closed request hears "already decided" for a day. */
  private static final Duration KEEP_CLOSED = Duration.ofDays(1);

  /** How often a replica with watchers reads the shared store for what other replicas changed. */
  public static final Duration POLL_EVERY = Duration.ofSeconds(1);
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SharedApprovalStore.class);

  private final SharedStore store;
  private final Sealer sealer;
  private final Duration pollEvery;
  private final ApprovalListeners listeners = new ApprovalListeners();
  /** The highest version of each request told to this replica's watchers: each version once, never an older one. */
  private final Map<String, Long> told = new java.util.concurrent.ConcurrentHashMap<>();
  /** The poller's own: sealed text per id at its last read (unchanged entries are not opened again). */
  private final Map<String, String> lastRead = new java.util.HashMap<>();
  private java.util.concurrent.ScheduledExecutorService poller;

  public SharedApprovalStore(SharedStore store, Sealer sealer) {
    this(store, sealer, POLL_EVERY);
  }

  /** @param pollEvery how often, while someone watches, other replicas' changes are looked for */
  public SharedApprovalStore(SharedStore store, Sealer sealer, Duration pollEvery) {
    this.store = store;
    this.sealer = sealer;
    this.pollEvery = pollEvery;
  }

  @Override
  public void add(ApprovalRequest request) {
    if (!store.putIfAbsent(SPACE, request.id(), seal(request), keptUntil(request))) {
      throw new IllegalStateException("approval request " + request.id() + " exists already");
    }
    tellIfNewer(request);
  }

  @Override
  public Optional<ApprovalRequest> find(String id) {
    if (id == null || id.isEmpty()) return Optional.empty();
    return store.get(SPACE, id).flatMap(sealed -> open(id, sealed));
  }

  @Override
  public List<ApprovalRequest> pending() {
    List<ApprovalRequest> out = new ArrayList<>();
    for (Map.Entry<String, String> e : store.entries(SPACE).entrySet()) {
      open(e.getKey(), e.getValue()).filter(ApprovalRequest::open).ifPresent(out::add);
    }
    out.sort(Comparator.comparing(ApprovalRequest::requestedAt));
    return out;
  }

  @Override
  public boolean replace(ApprovalRequest expected, ApprovalRequest next) {
    Optional<String> sealed = store.get(SPACE, expected.id());
    if (sealed.isEmpty()) return false;
    Optional<ApprovalRequest> current = open(expected.id(), sealed.get());
    if (current.isEmpty() || current.get().version() != expected.version()) return false;
    // the sealed text is the compare-and-set's value: a fresh IV per seal makes every stored version distinct
    if (!store.replace(SPACE, expected.id(), sealed.get(), seal(next), keptUntil(next))) return false;
    tellIfNewer(next);
    return true;
  }

  /**
   * The shared store's insert-if-absent ({@code INSERT … ON CONFLICT DO NOTHING} in PostgreSQL) of the key
   * {@code ID:PLATFORM} decides: of replicas claiming at once exactly one gets true. Kept as long as the request.
   */
  @Override
  public boolean announce(ApprovalRequest request, String platform) {
    return store.putIfAbsent(ANNOUNCED, request.id() + ":" + platform, platform, keptUntil(request));
  }

  /**
   * The claim's value becomes the messages, as a JSON array (the claim alone holds the platform's name): only the
   * claim's winner writes it, so the compare-and-set on the value read meets nobody else's write. Channel and message
   * ids are no secret (anyone in the channel sees them), so they are not sealed.
   */
  @Override
  public void announced(ApprovalRequest request, String platform, List<String> messages) {
    String key = request.id() + ":" + platform;
    Optional<String> claim = store.get(ANNOUNCED, key);
    if (claim.isEmpty()) return;
    ArrayNode list = RequestJson.mapper().createArrayNode();
    messages.forEach(list::add);
    if (!store.replace(ANNOUNCED, key, claim.get(), list.toString(), keptUntil(request))) {
      log.warn("approval {}: the messages announcing it in {} were not kept (its claim changed meanwhile)",
          request.id(), platform);
    }
  }

  @Override
  public List<String> announcedMessages(String requestId, String platform) {
    if (requestId == null || requestId.isEmpty()) return List.of();
    Optional<String> value = store.get(ANNOUNCED, requestId + ":" + platform);
    if (value.isEmpty() || !value.get().startsWith("[")) return List.of(); // not claimed, or claimed and not posted yet
    try {
      List<String> out = new ArrayList<>();
      RequestJson.mapper().readTree(value.get()).forEach(m -> out.add(m.asText()));
      return out;
    } catch (Exception e) {
      return List.of(); // not ours: nothing to edit
    }
  }

  /** Watching starts the poll for other replicas' changes; the last watcher leaving stops it. */
  @Override
  public Subscription watch(Consumer<ApprovalRequest> listener) {
    Subscription s = listeners.add(listener);
    startPolling();
    return () -> {
      s.close();
      if (listeners.isEmpty()) stopPolling();
    };
  }

  /**
   * Tells the watchers about {@code r} unless they heard this version or a newer one already (this replica wrote it
   * and the poll read it too, or the poll ran ahead of a slow write's own telling).
   */
  private void tellIfNewer(ApprovalRequest r) {
    long[] before = {-1};
    told.compute(r.id(), (id, v) -> {
      before[0] = v == null ? -1 : v;
      return Math.max(before[0], r.version());
    });
    if (r.version() > before[0]) listeners.tell(r);
  }

  private synchronized void startPolling() {
    if (poller != null) return;
    poll(false); // what is there already is not news: only what changes from now on is told
    poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "approval-watch");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(1, pollEvery.toMillis());
    poller.scheduleWithFixedDelay(() -> poll(true), ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private synchronized void stopPolling() {
    if (poller == null || !listeners.isEmpty()) return;
    poller.shutdownNow();
    poller = null;
  }

  /** One read of the shared store: every request whose sealed text changed since the last read, told if newer. */
  private void poll(boolean tell) {
    Map<String, String> now;
    try {
      now = store.entries(SPACE);
    } catch (RuntimeException e) {
      log.debug("approval watch: shared store not readable now: {}", e.toString()); // the next poll tries again
      return;
    }
    synchronized (lastRead) {
      for (Map.Entry<String, String> e : now.entrySet()) {
        if (e.getValue().equals(lastRead.put(e.getKey(), e.getValue()))) continue;
        open(e.getKey(), e.getValue()).ifPresent(r -> {
          // a request held elsewhere is told too: boards announce it once across replicas (announce), not per replica
          if (tell) tellIfNewer(r);
          else told.merge(r.id(), r.version(), Math::max);
        });
      }
      // gone from the store (kept a day after closing, then dropped): forget it. Only what an earlier read saw: a
      // request this replica added after this read is not gone, just not read yet.
      List<String> gone = new ArrayList<>(lastRead.keySet());
      gone.removeAll(now.keySet());
      lastRead.keySet().removeAll(gone);
      told.keySet().removeAll(gone);
    }
  }


  private static Instant keptUntil(ApprovalRequest r) {
    return r.expiresAt().plus(KEEP_CLOSED);
  }

  private String seal(ApprovalRequest r) {
    return sealer.seal(SPACE + ":" + r.id(), write(r).toString());
  }

  private Optional<ApprovalRequest> open(String id, String sealed) {
    try {
      return Optional.of(read(id, RequestJson.mapper().readTree(sealer.open(SPACE + ":" + id, sealed))));
    } catch (Exception e) {
      // sealed by a replica with another key, or changed in the database: not a request of ours
      return Optional.empty();
    }
  }

  static ObjectNode write(ApprovalRequest r) {
    ObjectNode n = RequestJson.mapper().createObjectNode();
    n.put("user", r.requester().name()).put("role", r.requester().role());
    if (r.requestedBy() != null) {
      Caller c = r.requestedBy();
      n.putObject("by").put("source", c.source().id()).put("platformUserId", c.platformUserId())
          .put("displayName", c.displayName()).put("workspace", c.where().workspace())
          .put("channel", c.where().channel()).put("remoteAddress", c.where().remoteAddress());
    }
    n.set("request", RequestJson.write(r.request()));
    n.put("text", r.commandText()).put("target", r.target()).put("rule", r.rule());
    ArrayNode roles = n.putArray("approverRoles");
    r.approverRoles().forEach(roles::add);
    n.put("needed", r.needed()).put("requestedAt", r.requestedAt().toString())
        .put("expiresAt", r.expiresAt().toString());
    ArrayNode approvals = n.putArray("approvals");
    r.approvals().forEach(approvals::add);
    n.put("state", r.state().name()).put("decidedBy", r.decidedBy()).put("result", r.result())
        .put("version", r.version()).put("context", r.context());
    return n;
  }

  static ApprovalRequest read(String id, JsonNode n) {
    JsonNode by = n.get("by");
    Caller caller = by == null ? null : new Caller(Source.of(by.get("source").asText()),
        by.get("platformUserId").asText(), text(by, "displayName"),
        new Location(text(by, "workspace"), text(by, "channel"), text(by, "remoteAddress")));
    List<String> roles = new ArrayList<>();
    n.get("approverRoles").forEach(x -> roles.add(x.asText()));
    List<String> approvals = new ArrayList<>();
    n.get("approvals").forEach(x -> approvals.add(x.asText()));
    return new ApprovalRequest(id, new BerthUser(n.get("user").asText(), n.get("role").asText()), caller,
        RequestJson.read(n.get("request")), text(n, "text"), text(n, "target"), text(n, "rule"), roles,
        n.get("needed").asInt(), Instant.parse(n.get("requestedAt").asText()),
        Instant.parse(n.get("expiresAt").asText()), approvals, ApprovalRequest.State.valueOf(n.get("state").asText()),
        text(n, "decidedBy"), text(n, "result"), n.get("version").asLong(), text(n, "context"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
