package io.berth.core.testing;

import io.berth.core.audit.ArchivedRange;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditRow;
import io.berth.core.audit.AuditRowSink;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.ChainHead;
import io.berth.core.audit.Checkpoint;
import io.berth.core.audit.CheckpointSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Test audit store kept in memory: a real chain (the core's {@link AuditRow#link}), checkpoints
 * and archive prunes, so the same contract tests run against it and the real stores, and tests can
 * assert what was recorded.
 */
public final class InMemoryAuditTrail implements AuditTrail {
  private final List<AuditRow> rows = new ArrayList<>();
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private final List<ArchivedRange> archived = new ArrayList<>();

  @Override
  public synchronized void append(AuditEntry entry) {
    ChainHead tail = head();
    rows.add(AuditRow.link(tail.seq() + 1, entry, tail.hash()));
  }

  /** Every entry appended so far (still live), oldest first. */
  public synchronized List<AuditEntry> entries() {
    return rows.stream().map(r -> r.toRecord().entry()).toList();
  }

  @Override
  public synchronized ChainHead head() {
    if (!rows.isEmpty()) {
      AuditRow last = rows.get(rows.size() - 1);
      return new ChainHead(last.seq(), last.hash());
    }
    if (!archived.isEmpty()) {
      ArchivedRange last = archived.get(archived.size() - 1);
      return new ChainHead(last.throughSeq(), last.lastHash());
    }
    return ChainHead.EMPTY;
  }

  @Override
  public synchronized Optional<Checkpoint> checkpoint(CheckpointSigner signer) {
    ChainHead head = head();
    Checkpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    if (last != null && last.seq() == head.seq() && last.headHash().equals(head.hash())) return Optional.empty();
    Checkpoint c = signer.sign(head, Instant.now(), last);
    checkpoints.add(c);
    return Optional.of(c);
  }

  @Override
  public synchronized List<AuditRecord> query(AuditFilter filter, int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
    List<AuditRecord> out = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0 && out.size() < limit; i--) {
      AuditRecord r = rows.get(i).toRecord();
      if (matches(filter, r)) out.add(r);
    }
    return out;
  }

  @Override
  public void scan(AuditFilter filter, AuditRowSink sink) {
    List<AuditRow> snapshot;
    synchronized (this) {
      snapshot = new ArrayList<>(rows);
    }
    try {
      for (int i = snapshot.size() - 1; i >= 0; i--) {
        if (matches(filter, snapshot.get(i).toRecord())) sink.accept(snapshot.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void replay(long fromSeq, long toSeq, AuditRowSink sink) {
    List<AuditRow> snapshot;
    synchronized (this) {
      snapshot = new ArrayList<>(rows);
    }
    try {
      for (AuditRow r : snapshot) {
        if (r.seq() >= fromSeq && r.seq() <= toSeq) sink.accept(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized List<Checkpoint> checkpoints() {
    return List.copyOf(checkpoints);
  }

  @Override
  public synchronized List<ArchivedRange> archived() {
    return List.copyOf(archived);
  }

  @Override
  public synchronized List<AuditRecord> unfinished() {
    // a run ends with its closing record; the records before it (confirmation, approvals) do not end it
    Set<String> closing = Set.of(AuditOutcome.SUCCEEDED.id(), AuditOutcome.FAILED.id(), AuditOutcome.INTERRUPTED.id());
    return rows.stream().filter(r -> AuditOutcome.REQUESTED.id().equals(r.outcome()) && rows.stream().noneMatch(
            e -> e.requestId().equals(r.requestId()) && e.seq() > r.seq() && closing.contains(e.outcome())))
        .map(AuditRow::toRecord).toList();
  }

  @Override
  public List<String> storageProblems() {
    return List.of();
  }

  @Override
  public synchronized void pruneArchived(ArchivedRange range) {
    archived.add(range);
    rows.removeIf(r -> r.seq() >= range.firstSeq() && r.seq() <= range.throughSeq());
  }

  /** Test hook standing in for someone with write access to the store: rewrites the stored rows. */
  public synchronized void tamper(UnaryOperator<List<AuditRow>> rewrite) {
    List<AuditRow> changed = rewrite.apply(new ArrayList<>(rows));
    rows.clear();
    rows.addAll(changed);
  }

  /** Test hook: a deep copy of the store as it is now (an "older backup"). */
  public synchronized InMemoryAuditTrail copy() {
    InMemoryAuditTrail c = new InMemoryAuditTrail();
    c.rows.addAll(rows);
    c.checkpoints.addAll(checkpoints);
    c.archived.addAll(archived);
    return c;
  }

  /** Test hook: replaces everything with {@code older}'s contents (a store restored from a backup). */
  public synchronized void replaceWith(InMemoryAuditTrail older) {
    InMemoryAuditTrail c = older.copy();
    rows.clear();
    rows.addAll(c.rows);
    checkpoints.clear();
    checkpoints.addAll(c.checkpoints);
    archived.clear();
    archived.addAll(c.archived);
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public void close() {}

  private static boolean matches(AuditFilter f, AuditRecord r) {
    if (f == null) return true;
    AuditEntry e = r.entry();
    return (f.beforeSeq() == null || r.seq() < f.beforeSeq())
        && (f.requestIds() == null || f.requestIds().contains(e.requestId()))
        && (f.user() == null || f.user().equals(e.berthUser() != null ? e.berthUser() : e.platformUserId()))
        && (f.source() == null || f.source() == e.source())
        && (f.action() == null || f.action().equals(e.action()))
        && (f.target() == null || f.target().equals(e.target()))
        && (f.context() == null || f.context().equals(e.context()))
        && (f.outcome() == null || f.outcome() == e.outcome())
        && (f.from() == null || !e.time().isBefore(f.from()))
        && (f.to() == null || e.time().isBefore(f.to()))
        && (f.text() == null || String.valueOf(e.commandText()).contains(f.text())
            || String.valueOf(e.target()).contains(f.text()) || String.valueOf(e.message()).contains(f.text()));
  }

  /** For diagnostics in failing tests. */
  @Override
  public synchronized String toString() {
    return new ArrayList<>(rows).toString();
  }
}
