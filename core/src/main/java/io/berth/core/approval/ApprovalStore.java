package io.berth.core.approval;

import io.berth.core.model.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where requests waiting for approval are kept (port). Every change is a compare-and-set on the
 * request's {@code version}, so several Berth replicas sharing one store ({@link SharedApprovalStore}
 * on the replicas' shared store in PostgreSQL) still run an approved request exactly once.
 * {@code ApprovalStoreContract} holds every store to this.
 */
public interface ApprovalStore {

  /** Keeps a new pending request. */
  void add(ApprovalRequest request);

  /** The request with this id, in whatever state. */
  Optional<ApprovalRequest> find(String id);

  /** Requests still pending (including ones past their expiry not yet closed), oldest first. */
  List<ApprovalRequest> pending();

  /**
   * Stores {@code next} only if the stored request is still at {@code expected.version()};
   * false when someone else changed it first (then read it again).
   */
  boolean replace(ApprovalRequest expected, ApprovalRequest next);

  /** Calls {@code listener} with every request added or changed, after it is stored, until closed. */
  Subscription watch(Consumer<ApprovalRequest> listener);
}
