package io.berth.core.result;

import io.berth.core.audit.AuditRecord;
import java.util.List;

/** One page of audit records, newest first; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditRecord> records, Long nextCursor) implements Result {
  public AuditPage {
    records = List.copyOf(records);
  }
}
