package io.berth.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** The reading side of an audit store: queries, exports, and the raw rows verification walks. */
public interface AuditReader {

  /** Newest first, at most {@code limit}, older than {@code filter.beforeSeq()} when set. */
  List<AuditRecord> query(AuditFilter filter, int limit);

  /** Streams every matching row newest first through one cursor (constant memory). */
  void scan(AuditFilter filter, AuditRowSink sink);

  /** Streams the rows with {@code fromSeq <= seq <= toSeq} in seq order, raw as stored (verify, archive). */
  void replay(long fromSeq, long toSeq, AuditRowSink sink);

  /** Every stored checkpoint, oldest first. */
  List<Checkpoint> checkpoints();

  /** Every archive prune, oldest first. */
  List<ArchivedRange> archived();

  /** REQUESTED records that have no closing record yet (the process died mid-command), oldest first. */
  List<AuditRecord> unfinished();

  /** What the store itself can tell about tampering outside its rows (e.g. a dropped append-only trigger). */
  List<String> storageProblems();

  /**
   * Runs {@code work} with every read it makes on this reader in one consistent view: a database
   * store answers them from one session in one read-only transaction, so a view made of several
   * reads (the console's folded page makes two or three) sees one state of the trail and pays for
   * one session, not one per read. Reads from other threads are not part of it. A store without
   * sessions (the in-memory fake) just runs {@code work}.
   */
  default <T> T inOneRead(Function<AuditReader, T> work) {
    return work.apply(this);
  }

  /** Streams every matching record (newest first) as CSV or JSON lines, in constant memory. */
  default void export(AuditFilter filter, ExportFormat format, Writer out) {
    export(filter, format, out, entry -> true);
  }

  /** Like {@link #export(AuditFilter, ExportFormat, Writer)}, only the records {@code visible} accepts (scope). */
  default void export(AuditFilter filter, ExportFormat format, Writer out, Predicate<AuditEntry> visible) {
    ExportWriter w = ExportWriter.of(format, out);
    try {
      w.begin();
      scan(filter == null ? AuditFilter.ALL : filter, row -> {
        if (visible.test(row.toRecord().entry())) w.row(row);
      });
      w.end();
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed: " + e.getMessage(), e);
    }
  }
}
