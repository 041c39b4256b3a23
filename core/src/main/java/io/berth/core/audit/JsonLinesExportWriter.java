package io.berth.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/** JSON Lines (ASCII only): one object per record, keys as in {@link ExportWriter#COLUMNS} plus {@code time_ms}. */
final class JsonLinesExportWriter implements ExportWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder()
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
    json.writeStartObject();
    json.writeNumberField("seq", r.seq());
    json.writeStringField("time", r.time().toString());
    json.writeNumberField("time_ms", r.timeMs());
    field("request_id", r.requestId());
    field("outcome", r.outcome());
    field("berth_user", r.berthUser());
    field("source", r.source());
    field("platform_user_id", r.platformUserId());
    field("display_name", r.displayName());
    field("location", r.location());
    field("command_text", r.commandText());
    field("action", r.action());
    field("target", r.target());
    field("message", r.message());
    if (r.durationMs() == null) json.writeNullField("duration_ms");
    else json.writeNumberField("duration_ms", r.durationMs());
    field("prev_hash", r.prevHash());
    field("hash", r.hash());
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private void field(String name, String value) throws IOException {
    if (value == null) json.writeNullField(name);
    else json.writeStringField(name, value);
  }

  /** Reads back one line this writer wrote (archive segments): the raw row, exactly as stored. */
  static AuditRow parse(com.fasterxml.jackson.databind.JsonNode n) {
    return new AuditRow(n.get("seq").asLong(), text(n, "request_id"), n.get("time_ms").asLong(), text(n, "outcome"),
        text(n, "berth_user"), text(n, "source"), text(n, "platform_user_id"), text(n, "display_name"),
        text(n, "location"), text(n, "command_text"), text(n, "action"), text(n, "target"), text(n, "message"),
        n.hasNonNull("duration_ms") ? n.get("duration_ms").asLong() : null, text(n, "prev_hash"), text(n, "hash"));
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
