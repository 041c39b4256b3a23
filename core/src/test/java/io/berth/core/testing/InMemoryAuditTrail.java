package io.berth.core.testing;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.VerifyReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test audit trail: keeps entries in memory (no hash chain) so tests can assert what was recorded. */
public final class InMemoryAuditTrail implements AuditTrail {
  private final List<AuditRecord> records = new ArrayList<>();

  @Override
  public synchronized void append(AuditEntry entry) {
    records.add(new AuditRecord(records.size() + 1L, entry, "", ""));
  }

  /** Every entry appended so far, oldest first. */
  public synchronized List<AuditEntry> entries() {
    return records.stream().map(AuditRecord::entry).toList();
  }

  @Override
  public synchronized List<AuditRecord> query(AuditFilter filter, int limit) {
    return records.stream()
        .filter(r -> matches(filter, r))
        .sorted(Comparator.comparingLong(AuditRecord::seq).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void export(AuditFilter filter, ExportFormat format, Writer out,
      java.util.function.Predicate<AuditEntry> visible) {
    try {
      for (AuditRecord r : query(filter, Integer.MAX_VALUE)) {
        if (visible.test(r.entry())) out.write(r.entry().toString() + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized VerifyReport verify() {
    return new VerifyReport(records.size(), List.of());
  }

  @Override
  public int closeInterrupted() {
    return 0;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public void close() {}

  private static boolean matches(AuditFilter f, AuditRecord r) {
    AuditEntry e = r.entry();
    return (f.beforeSeq() == null || r.seq() < f.beforeSeq())
        && (f.user() == null || f.user().equals(e.berthUser()))
        && (f.source() == null || f.source() == e.source())
        && (f.action() == null || f.action().equals(e.action()))
        && (f.target() == null || f.target().equals(e.target()))
        && (f.outcome() == null || f.outcome() == e.outcome())
        && (f.from() == null || !e.time().isBefore(f.from()))
        && (f.to() == null || e.time().isBefore(f.to()))
        && (f.text() == null || String.valueOf(e.commandText()).contains(f.text())
            || String.valueOf(e.target()).contains(f.text()) || String.valueOf(e.message()).contains(f.text()));
  }

  /** For diagnostics in failing tests. */
  @Override
  public synchronized String toString() {
    return new ArrayList<>(records).toString();
  }
}
