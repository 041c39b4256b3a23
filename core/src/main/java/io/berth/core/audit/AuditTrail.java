package io.berth.core.audit;

import java.io.Writer;
import java.util.List;
import java.util.function.Predicate;

/** Outgoing port for the append-only, hash-chained audit trail. */
public interface AuditTrail extends AutoCloseable {

  /**
   * Appends and returns only once the record is durable. Throws {@link AuditUnavailableException}
   * when it cannot be written (read-only, disk full, locked past the timeout).
   */
  void append(AuditEntry entry);

  /** Newest first, at most {@code limit}, older than {@code filter.beforeSeq()} when set. */
  List<AuditRecord> query(AuditFilter filter, int limit);

  /** Streams every matching record (newest first) in constant memory. */
  default void export(AuditFilter filter, ExportFormat format, Writer out) {
    export(filter, format, out, entry -> true);
  }

  /** Like {@link #export(AuditFilter, ExportFormat, Writer)}, only the records {@code visible} accepts (scope). */
  void export(AuditFilter filter, ExportFormat format, Writer out, Predicate<AuditEntry> visible);

  /** Walks the chain and reports edited, inserted or deleted records. */
  VerifyReport verify();

  /**
   * At start-up: appends an INTERRUPTED record for each REQUESTED one that never ended (the
   * process died mid-command). Returns how many.
   */
  int closeInterrupted();

  /** True when a write would succeed now (for health checks). */
  boolean writable();

  @Override
  void close();
}
