package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.ExportFormat;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Child process for {@link ExportMemoryIT}: exports a whole trail (args: FILE, csv|jsonl) into a
 * writer that only counts, then prints {@code rows=N chars=C peakHeapMb=M}. The parent starts it
 * with a small {@code -Xmx}, so an export that holds the records instead of streaming them dies.
 */
public final class ExportChild {
  private ExportChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    ExportFormat format = args[1].equals("csv") ? ExportFormat.CSV : ExportFormat.JSONL;
    CountingWriter out = new CountingWriter();
    long t0 = System.nanoTime();
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file, SqliteAuditTrail.Settings.DEFAULTS.withReadOnly(true))) {
      // the scoped path the console and CLI take (a visibility predicate per record)
      if (args.length > 2 && args[2].equals("folded")) {
        io.berth.core.audit.CommandFolding.export(trail, AuditFilter.ALL, format, out, entry -> true);
      } else {
        trail.export(AuditFilter.ALL, format, out, entry -> true);
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    System.out.printf("rows=%d chars=%d peakHeapMb=%d seconds=%.1f%n", out.lines, out.chars, peak >> 20,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Counts lines and characters; keeps nothing. */
  static final class CountingWriter extends Writer {
    long lines;
    long chars;

    @Override
    public void write(char[] cbuf, int off, int len) {
      chars += len;
      for (int i = off; i < off + len; i++) if (cbuf[i] == '\n') lines++;
    }

    @Override
    public void write(String s, int off, int len) {
      chars += len;
      for (int i = off; i < off + len; i++) if (s.charAt(i) == '\n') lines++;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
