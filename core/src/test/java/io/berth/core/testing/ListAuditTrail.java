package io.berth.core.testing;

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

/** Audit trail stand-in that keeps entries in a list (no hash chain) for assertions. */
public final class ListAuditTrail implements AuditTrail {
  private final List<AuditEntry> entries = Collections.synchronizedList(new ArrayList<>());

  public List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  @Override
  public void append(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public List<AuditRecord> query(AuditFilter filter, int limit) {
    List<AuditRecord> out = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0 && out.size() < limit; i--) out.add(new AuditRecord(i + 1, entries.get(i), "", ""));
    return out;
  }

  @Override
  public void export(AuditFilter filter, ExportFormat format, Writer out) {
    throw new UnsupportedOperationException("not needed by these tests");
  }

  @Override
  public VerifyReport verify() {
    return new VerifyReport(entries.size(), List.of());
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
