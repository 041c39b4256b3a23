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
 * <p>{@link #watch} hears the changes made through this replica only (what each replica posts to its
 * chat boards); the store has no notifications across replicas.
 */
public final class SharedApprovalStore implements ApprovalStore {
  static final String SPACE = "approval";
  /** As {@link InMemoryApprovalStore}: a late press on a closed request hears "already decided" for a day. */
  private static final Duration KEEP_CLOSED = Duration.ofDays(1);

  private final SharedStore store;
  private final Sealer sealer;
  private final ApprovalListeners listeners = new ApprovalListeners();

  public SharedApprovalStore(SharedStore store, Sealer sealer) {
    this.store = store;
    this.sealer = sealer;
  }

  @Override
  public void add(ApprovalRequest request) {
    if (!store.putIfAbsent(SPACE, request.id(), seal(request), keptUntil(request))) {
      throw new IllegalStateException("approval request " + request.id() + " exists already");
    }
    listeners.tell(request);
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
    listeners.tell(next);
    return true;
  }

  @Override
  public Subscription watch(Consumer<ApprovalRequest> listener) {
    return listeners.add(listener);
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
