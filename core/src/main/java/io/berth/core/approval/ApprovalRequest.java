package io.berth.core.approval;

import io.berth.core.command.DockerRequest;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request held by the two-person rule ({@code policy.approvals}): what was asked, by whom, which
 * rule holds it and where it stands. {@code id} is the audit request id of the asking attempt, so
 * every record of its life (approval_requested, approved/rejected/expired, the run) carries it.
 *
 * <p>Immutable: a change is a new value with {@code version + 1}, stored with
 * {@link ApprovalStore#replace} (compare-and-set), so two approvers pressing at once cannot both
 * move it on.
 *
 * @param request the request with its containers pinned to the ids resolved when it was asked
 * @param commandText the command as asked, secrets masked
 * @param target the containers by name, for people
 * @param approvals Berth user names who approved, in order
 * @param decidedBy who rejected it, or whose approval made the count (null while pending)
 * @param result how it ended, for people ("succeeded", "failed: …", the rejection), null while open
 */
public record ApprovalRequest(
    String id,
    BerthUser requester,
    Caller requestedBy,
    DockerRequest request,
    String commandText,
    String target,
    String rule,
    List<String> approverRoles,
    int needed,
    Instant requestedAt,
    Instant expiresAt,
    List<String> approvals,
    State state,
    String decidedBy,
    String result,
    long version,
    String context) {

  /** Where a request stands. Only PENDING can change; RUNNING is taken by exactly one approver. */
  public enum State {
    PENDING, RUNNING, EXECUTED, REJECTED, EXPIRED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** In the default context (null). */
  public ApprovalRequest(String id, BerthUser requester, Caller requestedBy, DockerRequest request, String commandText,
      String target, String rule, List<String> approverRoles, int needed, Instant requestedAt, Instant expiresAt,
      List<String> approvals, State state, String decidedBy, String result, long version) {
    this(id, requester, requestedBy, request, commandText, target, rule, approverRoles, needed, requestedAt, expiresAt,
        approvals, state, decidedBy, result, version, null);
  }

  public ApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(state, "state");
    approverRoles = List.copyOf(approverRoles);
    approvals = List.copyOf(approvals);
  }

  public boolean open() {
    return state == State.PENDING;
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** With {@code user}'s approval added; RUNNING when that makes the count. */
  public ApprovalRequest approvedBy(String user) {
    List<String> next = new ArrayList<>(approvals);
    next.add(user);
    boolean enough = next.size() >= needed;
    return new ApprovalRequest(id, requester, requestedBy, request, commandText, target, rule, approverRoles, needed,
        requestedAt, expiresAt, next, enough ? State.RUNNING : State.PENDING, enough ? user : null, null, version + 1, context);
  }

  /** Closed in {@code state} (REJECTED, EXPIRED, EXECUTED) with what people should read about it. */
  public ApprovalRequest closed(State state, String by, String result) {
    return new ApprovalRequest(id, requester, requestedBy, request, commandText, target, rule, approverRoles, needed,
        requestedAt, expiresAt, approvals, state, by == null ? decidedBy : by, result, version + 1, context);
  }
}
