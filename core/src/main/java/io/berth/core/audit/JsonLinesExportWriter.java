package io.berth.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/** JSON Lines (ASCII only): one object per record, keys as in {@link ExportWriter#COLUMNS} plus {@code time_ms}. */
final class JsonLinesExportWriter implements ExportWriter {
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(com.fasterxml.jackson.core.StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
      // JSON escapes C0 controls itself; escaping every non-ASCII character too keeps bidi overrides
      // and C1 controls off a terminal while the parsed values stay exactly what was stored
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
      .build();

  private final Writer out;
  private JsonGenerator json;

  JsonLinesExportWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void begin() throws IOException {
    json = FACTORY.createGenerator(out);
    json.setRootValueSeparator(null);
  }

  @Override
  public void row(AuditRow r) throws IOException {
    writeRow(json, r);
    json.writeRaw('\n');
  }

  /** One record as a JSON object (also a folded export's steps). */
  static void writeRow(JsonGenerator json, AuditRow r) throws IOException {
    json.writeStartObject();
    json.writeNumberField("seq", r.seq());
    json.writeStringField("time", r.time().toString());
    json.writeNumberField("time_ms", r.timeMs());
    field(json, "request_id", r.requestId());
    field(json, "outcome", r.outcome());
    field(json, "berth_user", r.berthUser());
    field(json, "source", r.source());
    field(json, "platform_user_id", r.platformUserId());
    field(json, "display_name", r.displayName());
    field(json, "location", r.location());
    field(json, "command_text", r.commandText());
    field(json, "action", r.action());
    field(json, "target", r.target());
    field(json, "message", r.message());
    if (r.durationMs() == null) json.writeNullField("duration_ms");
    else json.writeNumberField("duration_ms", r.durationMs());
    field(json, "context", r.context());
    field(json, "prev_hash", r.prevHash());
    field(json, "hash", r.hash());
    json.writeEndObject();
  }

  private static void field(JsonGenerator json, String name, String value) throws IOException {
    if (value == null) json.writeNullField(name);
    else json.writeStringField(name, value);
  }

  /** Reads back one line this writer wrote (archive segments): the raw row, exactly as stored. */
  static AuditRow parse(com.fasterxml.jackson.databind.JsonNode n) {
    return new AuditRow(n.get("seq").asLong(), text(n, "request_id"), n.get("time_ms").asLong(), text(n, "outcome"),
        text(n, "berth_user"), text(n, "source"), text(n, "platform_user_id"), text(n, "display_name"),
        text(n, "location"), text(n, "command_text"), text(n, "action"), text(n, "target"), text(n, "message"),
        n.hasNonNull("duration_ms") ? n.get("duration_ms").asLong() : null,
        text(n, "context"), // absent from segments archived before the column: null, a v1 row
        text(n, "prev_hash"), text(n, "hash"));
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  @Override
  public void end() throws IOException {
    json.close(); // flushes into out; AUTO_CLOSE_TARGET is off, so out stays open
    out.flush();
  }
}
