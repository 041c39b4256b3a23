package io.berth.core.service;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.CommandFolding;
import io.berth.core.audit.ExportFormat;
import io.berth.core.command.AuditQuery;
import io.berth.core.model.Caller;
import io.berth.core.result.Outcome;
import java.io.Writer;
import java.util.Locale;

/** Streams the audit records a caller may read; authorized like {@code audit} and itself audited. */
final class AuditExport {
  private final AuditedStep step;

  AuditExport(AuditedStep step) {
    this.step = step;
  }

  /**
   * Newest first, in constant memory: one line per command with its phases folded in
   * ({@link CommandFolding#export}), or with {@code raw} one line per stored record, hashes included.
   */
  Outcome export(Caller caller, AuditFilter filter, ExportFormat format, boolean raw, Writer out) {
    AuditQuery query = new AuditQuery(filter, 1);
    Attempt a = step.attempt(caller, "audit export --format " + format.name().toLowerCase(Locale.ROOT)
        + (raw ? " --raw" : ""), query.action(), "");
    return step.authorizeAndRun(a, query, AuditedStep.Confirmation.REFUSE, null, "exported", null, (user, pinned, engine) -> {
      var visible = AuditVisibility.of(user, step.policy, step.engine);
      if (raw) step.audit.export(filter, format, out, visible);
      else CommandFolding.export(step.audit, filter, format, out, visible);
      return null;
    }).outcome();
  }
}
