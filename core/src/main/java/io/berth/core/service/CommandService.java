package io.berth.core.service;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.approval.ApprovalStore;
import io.berth.core.approval.InMemoryApprovalStore;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.CommandFolding;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.Recordings;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.LocalFiles;
import io.berth.core.command.Logs;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.Engines;
import io.berth.core.language.CommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Subscription;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.ConfirmationBook;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.EngineStatus;
import io.berth.core.result.LogLine;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import java.io.Writer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Incoming port of the core: every surface turns a person's action into a call here. A facade
 * over small use cases — {@link Commands}, {@link Confirmations}, {@link Approvals},
 * {@link Watches}, {@link AuditExport} — each of which passes the one {@link AuditedStep}:
 * identify → resolve targets (scope) → decide → write-ahead audit → execute → audit the end.
 */
public final class CommandService {
  private final CommandLanguage language;
  private final AuditedStep step;
  private final Commands commands;
  private final Confirmations confirmations;
  private final Approvals approvals;
  private final Watches watches;
  private final AuditExport auditExport;
  private final Terminals terminals;

  public CommandService(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      ContainerEngine engine, CoreLimits limits, Clock clock) {
    this(language, policy, audit, engine, limits, clock, new InMemoryApprovalStore(clock));
  }

  /** @param approvals where requests held by the two-person rule wait (shared by replicas when it is shared) */
  public CommandService(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      ContainerEngine engine, CoreLimits limits, Clock clock, ApprovalStore approvals) {
    this(language, new AuditedStep(language, policy, audit, Engines.single(engine), limits, clock, approvals, null), null);
  }

  /**
   * @param recordings where interactive sessions are recorded; null: none can be opened (each is refused, since an
   *     unrecorded session is not allowed)
   */
  public CommandService(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      ContainerEngine engine, CoreLimits limits, Clock clock, ApprovalStore approvals, Recordings recordings) {
    this(language, new AuditedStep(language, policy, audit, Engines.single(engine), limits, clock, approvals, null),
        recordings);
  }

  /** Several endpoints, one per context ({@code --context NAME}); a command without one runs in the default. */
  public static CommandService withEngines(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      Engines engines, CoreLimits limits, Clock clock) {
    return withEngines(language, policy, audit, engines, limits, clock, new InMemoryApprovalStore(clock), null, null);
  }

  /**
   * @param confirmations where requests wait for their confirmation (the replicas' shared store when
   *     there are replicas; null: this process's memory)
   * @param recordings where interactive sessions are recorded (null: none can be opened)
   */
  public static CommandService withEngines(CommandLanguage language, AccessPolicy policy, AuditTrail audit,
      Engines engines, CoreLimits limits, Clock clock, ApprovalStore approvals, ConfirmationBook confirmations,
      Recordings recordings) {
    return new CommandService(language,
        new AuditedStep(language, policy, audit, engines, limits, clock, approvals, confirmations), recordings);
  }

  private CommandService(CommandLanguage language, AuditedStep step, Recordings recordings) {
    this.language = language;
    this.step = step;
    this.commands = new Commands(step);
    this.confirmations = new Confirmations(step);
    this.approvals = new Approvals(step);
    this.watches = new Watches(step);
    this.auditExport = new AuditExport(step);
    this.terminals = new Terminals(step, recordings);
  }

  public CommandLanguage language() {
    return language;
  }

  /** Chat and command-bar entry: text as the person typed it (already normalized by the surface). */
  public Outcome submit(Caller caller, String text, ProgressListener progress) {
    return commands.submit(caller, text, progress, null);
  }

  /** Buttons and forms: a typed request; {@code commandText} null means "describe it for me". */
  public Outcome execute(Caller caller, DockerRequest request, String commandText, ProgressListener progress) {
    return commands.execute(caller, null, request, commandText, progress, null);
  }

  /** As above, from a surface that has the caller's own files ({@code local}: the CLI, for {@code cp}). */
  public Outcome execute(Caller caller, DockerRequest request, String commandText, ProgressListener progress,
      LocalFiles local) {
    return commands.execute(caller, null, request, commandText, progress, local);
  }

  /**
   * As above, in {@code context} ({@code --context NAME}: an endpoint's name, {@code all} for a read command across
   * every endpoint; null: the default context).
   */
  public Outcome execute(Caller caller, String context, DockerRequest request, String commandText,
      ProgressListener progress, LocalFiles local) {
    return commands.execute(caller, context, request, commandText, progress, local);
  }

  /** The context names (engine.endpoints) and which one a command without --context runs in. */
  public List<String> contexts() {
    return step.engines.contexts();
  }

  public String defaultContext() {
    return step.engines.defaultContext();
  }

  /** Second step of a destructive request: re-checks and runs what the token stands for, once. */
  public Outcome confirm(Caller caller, String token, ProgressListener progress) {
    return confirmations.confirm(caller, token, progress, null);
  }

  /** As above, from a surface that has the caller's own files ({@code local}: the CLI). */
  public Outcome confirm(Caller caller, String token, ProgressListener progress, LocalFiles local) {
    return confirmations.confirm(caller, token, progress, local);
  }

  /** Withdraws a pending confirmation (the requester pressed Cancel): audited, linked to the request. */
  public Outcome cancel(Caller caller, String token) {
    return confirmations.cancel(caller, token);
  }

  /** The pending request behind a token, for rendering a confirmation dialog. */
  public Optional<ConfirmationBook.Pending> pending(String token) {
    return confirmations.pending(token);
  }

  // ---- the two-person rule (Approvals) ----

  /** One approval of a held request; when it makes the count, the request runs (see {@link Approvals#approve}). */
  public Outcome approve(Caller caller, String id, ProgressListener progress) {
    return approvals.approve(caller, id, progress);
  }

  /** Rejects a held request (an approver) or withdraws it (its requester); audited {@code rejected}. */
  public Outcome reject(Caller caller, String id) {
    return approvals.reject(caller, id);
  }

  /** Requests waiting for approval that the caller may see: their own, and those on containers in their scope. */
  public List<ApprovalRequest> pendingApprovals(Caller caller) {
    return approvals.pending(caller);
  }

  /** The request with this id if the caller may see it (any state), for rendering its end. */
  public Optional<ApprovalRequest> approval(Caller caller, String id) {
    return approvals.find(caller, id);
  }

  /** True when the caller could approve {@code r} (for showing the buttons; {@link #approve} checks again). */
  public boolean mayApprove(Caller caller, ApprovalRequest r) {
    return approvals.mayApprove(caller, r);
  }

  /** True when the caller could reject {@code r}: an approver, or its requester (withdrawing it). */
  public boolean mayReject(Caller caller, ApprovalRequest r) {
    return approvals.mayReject(caller, r);
  }

  /** Every change to a request waiting for approval (asked, approved, ran, rejected, expired), for live views and chat. */
  public Subscription watchApprovals(Consumer<ApprovalRequest> listener) {
    return approvals.watch(listener);
  }

  /**
   * Every request waiting for approval, whoever may see it: for the chat boards, which hear every change through
   * {@link #watchApprovals} anyway and look here for what was held while they were not listening (a new leader).
   */
  public List<ApprovalRequest> allPendingApprovals() {
    return approvals.allPending();
  }

  /**
   * Claims the announcement of a held request on a chat platform ({@code slack}, {@code discord}): true for exactly
   * one caller across every replica, so a request is posted once per platform whichever replica holds it.
   */
  public boolean announceApproval(ApprovalRequest request, String platform) {
    return approvals.announce(request, platform);
  }

  /**
   * Keeps the messages (the platform's handles) that announced a request claimed by {@link #announceApproval}, so
   * whichever replica's board hears a later change edits them (a new leader's bot edits the old one's message).
   */
  public void approvalAnnounced(ApprovalRequest request, String platform, List<String> messages) {
    approvals.announced(request, platform, messages);
  }

  /** The messages that announced this request on {@code platform}, whichever replica posted them; empty: none. */
  public List<String> approvalAnnouncements(String requestId, String platform) {
    return approvals.announcedMessages(requestId, platform);
  }

  /** Closes every pending request past its expiry (audited {@code expired}); the launcher calls it periodically. */
  public void expireOverdue() {
    approvals.expireOverdue();
  }

  // ---- interactive sessions (Terminals) ----

  /**
   * Opens an interactive session ({@code exec -it}) for a surface with a terminal (the console's Terminal tab, the
   * CLI, {@code -it} or {@code -i} with stdin a pipe): authorized, confirmed and audited like {@code exec}, recorded
   * while it lasts. What the process prints goes to {@code output} (raw bytes, stderr apart without a TTY, on the
   * engine's thread). When the outcome asks for a confirmation, pass its token
   * to {@link #confirmTerminal}; the session must be closed (or its process exit) to end it.
   */
  public TerminalOpening openTerminal(Caller caller, TerminalRequest request, io.berth.core.engine.InteractiveProcess.Output output) {
    return terminals.open(caller, request, output);
  }

  /**
   * {@code run -it}: a new container with stdin and a TTY, authorized like {@code run} and recorded and audited like
   * {@link #openTerminal}; a confirmation goes to {@link #confirmTerminal} too. The request must be attached
   * ({@code -i}, not {@code -d}).
   */
  public TerminalOpening openRunTerminal(Caller caller, io.berth.core.command.Run run, int cols, int rows,
      io.berth.core.engine.InteractiveProcess.Output output) {
    if (!run.settings().interactive() || run.detach()) throw new IllegalArgumentException("not an attached run -i");
    return terminals.openRun(caller, run, cols, rows, output);
  }

  /** The confirmed second step of {@link #openTerminal}: re-checks and opens what the token stands for, once. */
  public TerminalOpening confirmTerminal(Caller caller, String token, int cols, int rows, io.berth.core.engine.InteractiveProcess.Output output) {
    return terminals.confirm(caller, token, cols, rows, output);
  }

  // ---- streams (Watches) and export (AuditExport) ----

  /**
   * Follows a container's log for the console. Authorized and audited like {@code logs}; the
   * returned subscription must be closed to release the engine connection.
   */
  public Following followLogs(Caller caller, Logs request, Consumer<LogLine> sink) {
    return watches.followLogs(caller, request, sink);
  }

  /** A log follow that started (subscription set) or was refused (outcome says why). */
  public record Following(Outcome outcome, Subscription subscription) {
    public boolean started() {
      return subscription != null;
    }
  }

  /**
   * Streams the audit records matching {@code filter} to {@code out} (CSV or JSON lines), newest
   * first, in constant memory. Authorized like {@code audit} and itself audited.
   */
  public Outcome exportAudit(Caller caller, AuditFilter filter, ExportFormat format, Writer out) {
    return auditExport.export(caller, filter, format, false, out);
  }

  /**
   * As above: one line per command with its phases folded in ({@link CommandFolding#export}), or
   * with {@code raw} one line per stored record, hashes included (what the chain holds).
   */
  public Outcome exportAudit(Caller caller, AuditFilter filter, ExportFormat format, boolean raw, Writer out) {
    return auditExport.export(caller, filter, format, raw, out);
  }

  /**
   * Live container events narrowed to what the caller may see (console live view). Empty when the
   * caller may not list containers.
   */
  public Optional<Subscription> watchEvents(Caller caller, Consumer<ContainerEvent> sink) {
    return watches.events(caller, null, sink, status -> { });
  }

  /**
   * As {@link #watchEvents(Caller, Consumer)}, also telling {@code status} when the engine is lost
   * and back (the stream reconnects by itself), so the surface can say so instead of going quiet.
   */
  public Optional<Subscription> watchEvents(Caller caller, Consumer<ContainerEvent> sink, Consumer<EngineStatus> status) {
    return watches.events(caller, null, sink, status);
  }

  /**
   * As above, for the engine of {@code context} (null: the default): the caller's role and scope in that context
   * decide. An unknown context throws {@link io.berth.core.engine.EngineException} naming the known ones.
   */
  public Optional<Subscription> watchEvents(Caller caller, String context, Consumer<ContainerEvent> sink,
      Consumer<EngineStatus> status) {
    return watches.events(caller, context, sink, status);
  }

  /**
   * Live Swarm events of {@code context}'s engine (a manager: {@code service} and {@code node} events, as docker 20.10
   * emits them), service events narrowed to the caller's scope, reconnecting by itself and telling {@code status}
   * when the engine is lost and back. Empty when the caller's role there may not list services.
   */
  public Optional<Subscription> watchSwarm(Caller caller, String context,
      Consumer<io.berth.core.command.Events.Event> sink, Consumer<EngineStatus> status) {
    return watches.swarmEvents(caller, context, sink, status);
  }

  /** Every container event, unfiltered: for notifications, which are configured per channel. */
  public Subscription systemEvents(Consumer<ContainerEvent> sink) {
    return watches.systemEvents(null, sink);
  }

  /** Every container event of {@code context}'s engine, unfiltered (the console's timeline keeps them). */
  public Subscription systemEvents(String context, Consumer<ContainerEvent> sink) {
    return watches.systemEvents(context, sink);
  }

  /**
   * True when the caller's policy would let them use {@code action} at all (ignoring any
   * particular target), so a surface can hide controls it would refuse anyway. The core still
   * checks every real request; this is only for display, and not an attempt (not audited).
   */
  public boolean permits(Caller caller, String action) {
    return step.permits(caller, action);
  }
}
