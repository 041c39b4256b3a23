package io.berth.core.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes exported commands ({@link AuditedCommand}) one at a time: the folded export, one line per
 * command. The raw form (one line per record, hashes included) is {@link ExportWriter}.
 */
interface CommandExportWriter {
  /** Columns of the folded export, CSV header and JSON keys alike (JSON adds {@code time_ms} and {@code steps}). */
  String[] COLUMNS = {"request_id", "time", "ended", "outcome", "berth_user", "source", "platform_user_id",
      "display_name", "location", "command_text", "action", "target", "message", "duration_ms", "context",
      "first_seq", "last_seq", "steps"};

  static CommandExportWriter of(ExportFormat format, Writer out) {
    return format == ExportFormat.CSV ? new Csv(out) : new JsonLines(out);
  }

  void begin() throws IOException;

  void command(AuditedCommand c) throws IOException;

  void end() throws IOException;

  /**
   * Values in {@link #COLUMNS} order: who asked and what from the first record, outcome, message
   * and duration from the deciding one; {@code steps} is each record as
   * {@code <seq> <outcome> <user> <time>[: <message>]}, joined by {@code " | "}. Text escaped as in
   * the raw export.
   */
  static String[] values(AuditedCommand c) {
    AuditEntry e = c.request();
    List<String> steps = new ArrayList<>();
    for (AuditRecord r : c.steps()) steps.add(step(r));
    return new String[] {c.requestId(), c.time().toString(), c.ended().toString(), c.outcome().id(),
        esc(e.berthUser()), e.source().id(), esc(e.platformUserId()), esc(e.displayName()), esc(e.location()),
        esc(e.commandText()), esc(e.action()), esc(e.target()), esc(c.message()),
        c.durationMs() == null ? null : c.durationMs().toString(), esc(c.context()), Long.toString(c.firstSeq()),
        Long.toString(c.lastSeq()), String.join(" | ", steps)};
  }

  private static String step(AuditRecord r) {
    AuditEntry e = r.entry();
    String who = e.berthUser() != null ? e.berthUser() : e.platformUserId();
    return r.seq() + " " + e.outcome().id() + " " + esc(who) + " " + e.time()
        + (e.message() == null ? "" : ": " + esc(e.message()));
  }

  private static String esc(String text) {
    return ControlCharacters.escape(text);
  }

  /** The folded export as CSV ({@link CsvLines}, as the raw one): a header row, then one line per command. */
  final class Csv extends CsvLines implements CommandExportWriter {
    Csv(Writer out) {
      super(out, COLUMNS);
    }

    @Override
    public void command(AuditedCommand c) throws IOException {
      line(values(c));
    }
  }

  /** One ASCII-only JSON object per command; {@code steps} holds each record as the raw export writes it. */
  final class JsonLines implements CommandExportWriter {
    private final Writer out;
    private com.fasterxml.jackson.core.JsonGenerator json;

    JsonLines(Writer out) {
      this.out = out;
    }

    @Override
    public void begin() throws IOException {
      json = JsonLinesExportWriter.FACTORY.createGenerator(out);
      json.setRootValueSeparator(null);
    }

    @Override
    public void command(AuditedCommand c) throws IOException {
      String[] v = values(c);
      json.writeStartObject();
      for (int i = 0; i < COLUMNS.length - 1; i++) {
        String name = COLUMNS[i];
        if (name.equals("time")) json.writeNumberField("time_ms", c.time().toEpochMilli());
        if (v[i] == null) json.writeNullField(name);
        else if (name.equals("duration_ms") || name.endsWith("_seq")) json.writeNumberField(name, Long.parseLong(v[i]));
        else json.writeStringField(name, v[i]);
      }
      json.writeArrayFieldStart("steps");
      for (AuditRecord r : c.steps()) JsonLinesExportWriter.writeRow(json, AuditRow.of(r));
      json.writeEndArray();
      json.writeEndObject();
      json.writeRaw('\n');
    }

    @Override
    public void end() throws IOException {
      json.close(); // AUTO_CLOSE_TARGET is off: out stays open
      out.flush();
    }
  }
}
