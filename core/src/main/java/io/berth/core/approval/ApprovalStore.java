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

  /**
   * Claims the announcement of {@code request} on {@code platform} (posting it with Approve/Reject in that chat
   * platform's channels): true for exactly one caller across every replica sharing this store, whichever replica
   * holds the request and whichever leads, and whatever version of it the caller saw. The request itself does not
   * change (its version stays, so no approver's compare-and-set fails because of it). A claim is kept as long as
   * the request is.
   */
  boolean announce(ApprovalRequest request, String platform);

  /**
   * Keeps, next to the claim of {@link #announce}, the messages that announced {@code request} on {@code platform}
   * (each the platform's handle: channel and message id), so whichever replica's board learns of a later change
   * edits them (a new leader's Discord bot edits what the old one posted). Replaces what was kept; nothing is kept
   * without a claim. As long as the claim is kept.
   */
  void announced(ApprovalRequest request, String platform, List<String> messages);

  /** The messages kept by {@link #announced} for the request with this id on {@code platform}; empty: none (yet). */
  List<String> announcedMessages(String requestId, String platform);

  /**
   * Calls {@code listener} with every request added or changed, after it is stored, until closed: on a store shared
   * by replicas also those another replica added or changed (within a poll), each version at most once, in order.
   */
  Subscription watch(Consumer<ApprovalRequest> listener);
}
