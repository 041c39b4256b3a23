package io.berth.bot.slack;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.VerifyReport;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** In-memory audit trail for tests, until {@code SqliteAuditTrail} lands on main. */
final class MemoryAuditTrail implements AuditTrail {
  private final List<AuditEntry> entries = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void append(AuditEntry entry) {
    entries.add(entry);
  }

  List<AuditEntry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  @Override
  public List<AuditRecord> query(AuditFilter filter, int limit) {
    List<AuditRecord> out = new ArrayList<>();
    List<AuditEntry> all = entries();
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) out.add(new AuditRecord(i + 1, all.get(i), "", ""));
    return out;
  }

  @Override
  public void export(AuditFilter filter, ExportFormat format, Writer out) {
    throw new UnsupportedOperationException();
  }

  @Override
  public VerifyReport verify() {
    throw new UnsupportedOperationException();
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
}
