package io.berth.core.audit;

import java.io.IOException;

/** Writes exported rows one at a time, so an export never holds more than one row. */
public interface ExportWriter {
  /** Columns in export order; CSV header and JSON keys alike. */
  String[] COLUMNS = {"seq", "time", "request_id", "outcome", "berth_user", "source", "platform_user_id",
      "display_name", "location", "command_text", "action", "target", "message", "duration_ms",
      "context", "prev_hash", "hash"};

  /** The writer for {@code format} over {@code out}. */
  static ExportWriter of(ExportFormat format, java.io.Writer out) {
    return format == ExportFormat.CSV ? new CsvExportWriter(out) : new JsonLinesExportWriter(out);
  }

  void begin() throws IOException;

  void row(AuditRow row) throws IOException;

  void end() throws IOException;

  /**
   * Values in {@link #COLUMNS} order; numbers as decimal text, time as ISO-8601 UTC. Text fields
   * have control characters escaped, so an export printed on a terminal cannot drive it.
   */
  static String[] values(AuditRow r) {
    return new String[] {Long.toString(r.seq()), r.time().toString(), r.requestId(), r.outcome(), esc(r.berthUser()),
        r.source(), esc(r.platformUserId()), esc(r.displayName()), esc(r.location()), esc(r.commandText()), esc(r.action()),
        esc(r.target()), esc(r.message()), r.durationMs() == null ? null : r.durationMs().toString(), esc(r.context()), r.prevHash(), r.hash()};
  }

  private static String esc(String text) {
    return ControlCharacters.escape(text);
  }
}
