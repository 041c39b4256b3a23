package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;

import io.berth.core.audit.AuditRecord;
import java.util.List;

/** One page of audit records, newest first; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditRecord> records, Long nextCursor) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.audit(this);
  }

  public AuditPage {
    records = List.copyOf(records);
  }
}
