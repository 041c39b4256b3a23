package io.berth.core.result;

import io.berth.core.audit.AuditedCommand;
import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/**
 * One page of the audit trail as commands (each with its phases folded in), newest first;
 * {@code nextCursor} is null on the last page.
 */
public record AuditPage(List<AuditedCommand> commands, Long nextCursor) implements Result {
  @Override
  public String text(PlainTextRenderer r) {
    return r.audit(this);
  }

  public AuditPage {
    commands = List.copyOf(commands);
  }
}
