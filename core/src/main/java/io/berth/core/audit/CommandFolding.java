package io.berth.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The trail as commands ({@link AuditedCommand}) instead of phase records, for every surface that
 * lists it (the console, chat {@code audit}, exports), over the reader port only.
 *
 * <p>A command matches a filter when any of its records does, and is shown whole. Its place in the
 * newest-first list is its newest matching record, and a page's cursor is that record's seq: the
 * next page reads the matching records below it and leaves out every command that also has a
 * matching record at or above the cursor (it was listed already). So a page holds whole commands,
 * each command is listed on exactly one page, and the cost of a page is the rows it lists plus two
 * lookups by request id (index {@code audit_request_id}) — independent of the trail's size.
 */
public final class CommandFolding {
  /** Commands per export page: bounds what an export holds in memory. */
  static final int EXPORT_PAGE = 500;

  private CommandFolding() {}

  /** A page of commands, newest first; {@code nextCursor} (for {@link AuditFilter#before}) is null on the last page. */
  public record Page(List<AuditedCommand> commands, Long nextCursor) {
    public Page {
      commands = List.copyOf(commands);
    }
  }

  /**
   * Up to {@code limit} commands matching {@code filter}, newest first, older than its cursor.
   * Only the records {@code visible} accepts are shown; a command with none is left out. At most
   * about {@code maxScan} matching records are read: a page cut short there still has a cursor.
   */
  public static Page page(AuditReader reader, AuditFilter filter, int limit, Predicate<AuditEntry> visible, int maxScan) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
    // its two or three reads in one view: one session, and no command half-written between them
    return reader.inOneRead(r -> pageIn(r, filter, limit, visible, maxScan));
  }

  private static Page pageIn(AuditReader reader, AuditFilter filter, int limit, Predicate<AuditEntry> visible,
      int maxScan) {
    Long cursor = filter.beforeSeq();
    boolean unfiltered = filter.before(null).equals(AuditFilter.ALL);
    List<AuditedCommand> out = new ArrayList<>();
    List<Long> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int batch = 2 * limit + 2; // most commands are two records
    int scanned = 0;
    Long below = cursor;
    while (true) {
      List<AuditRecord> rows = reader.query(filter.before(below), batch);
      Map<String, Long> fresh = new LinkedHashMap<>(); // request id -> its newest matching seq below the cursor
      for (AuditRecord r : rows) {
        if (seen.add(r.entry().requestId())) fresh.put(r.entry().requestId(), r.seq());
      }
      Map<String, List<AuditRecord>> records = recordsOf(reader, fresh.keySet());
      if (cursor != null && !fresh.isEmpty()) {
        // a command with a matching record at or above the cursor was listed on an earlier page
        // (unfiltered, every record matches: the records just read tell)
        List<AuditRecord> matching = unfiltered ? records.values().stream().flatMap(List::stream).toList()
            : reader.query(filter.before(null).onlyRequests(fresh.keySet()), Integer.MAX_VALUE);
        for (AuditRecord r : matching) {
          if (r.seq() >= cursor) fresh.remove(r.entry().requestId());
        }
      }
      for (Map.Entry<String, Long> c : fresh.entrySet()) {
        List<AuditRecord> steps = records.getOrDefault(c.getKey(), List.of()).stream()
            .filter(r -> visible.test(r.entry())).toList();
        if (steps.isEmpty()) continue;
        if (out.size() == limit) return new Page(out, keys.get(keys.size() - 1)); // one more exists
        out.add(new AuditedCommand(c.getKey(), steps));
        keys.add(c.getValue());
      }
      scanned += rows.size();
      if (rows.size() < batch) return new Page(out, null);
      below = rows.get(rows.size() - 1).seq();
      if (scanned >= maxScan) return new Page(out, below);
      batch = Math.max(batch, 500);
    }
  }

  /** Every record of {@code ids}, grouped by request id, oldest first. */
  private static Map<String, List<AuditRecord>> recordsOf(AuditReader reader, Set<String> ids) {
    Map<String, List<AuditRecord>> out = new HashMap<>();
    if (ids.isEmpty()) return out;
    List<AuditRecord> all = reader.query(AuditFilter.ALL.onlyRequests(ids), Integer.MAX_VALUE);
    for (int i = all.size() - 1; i >= 0; i--) { // the reader answers newest first
      out.computeIfAbsent(all.get(i).entry().requestId(), k -> new ArrayList<>()).add(all.get(i));
    }
    return out;
  }

  /**
   * Streams every matching command (newest first, one line each, steps folded in) as CSV or JSON
   * lines, page by page: memory is bounded by one page of {@value #EXPORT_PAGE} commands.
   */
  public static void export(AuditReader reader, AuditFilter filter, ExportFormat format, Writer out,
      Predicate<AuditEntry> visible) {
    CommandExportWriter w = CommandExportWriter.of(format, out);
    try {
      w.begin();
      AuditFilter f = filter == null ? AuditFilter.ALL : filter;
      Long cursor = f.beforeSeq();
      do {
        Page p = page(reader, f.before(cursor), EXPORT_PAGE, visible, Integer.MAX_VALUE);
        for (AuditedCommand c : p.commands()) w.command(c);
        cursor = p.nextCursor();
      } while (cursor != null);
      w.end();
    } catch (IOException e) {
      throw new UncheckedIOException("audit export failed: " + e.getMessage(), e);
    }
  }
}
