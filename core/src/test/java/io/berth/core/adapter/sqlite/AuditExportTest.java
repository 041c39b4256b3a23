package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.ControlCharacters;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.ExportWriter;
import io.berth.core.model.Source;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditExportTest {
  private static final List<String> TRICKY = List.of(
      "say \"hi\", then go", "line one\nline two", "crlf\r\nend", "=HYPERLINK(\"http://evil\")", "+1+2", "-2+3",
      "@SUM(A1)", "'quoted already", "\ttab first", " padded ", "", "ünïcödé ✓", "plain");

  @TempDir Path dir;
  private SqliteAuditTrail trail;
  private List<AuditRecord> stored;

  @BeforeEach
  void storeTrickyValues() {
    trail = SqliteAuditTrail.open(dir.resolve("audit.db"));
    Instant t = Instant.parse("2026-11-01T10:00:00.123Z");
    for (int i = 0; i < TRICKY.size(); i++) {
      String v = TRICKY.get(i);
      trail.append(new AuditEntry("req-" + i, t.plusMillis(i), AuditOutcome.FAILED, i % 2 == 0 ? v : null,
          Source.WEB, v, v, v, v, "run", v, v, (long) i));
    }
    stored = trail.query(AuditFilter.ALL, 100);
  }

  @Test
  void csvRoundTripsEveryValueWithControlCharactersEscapedAndNeutralizesFormulas() {
    StringWriter out = new StringWriter();
    trail.export(AuditFilter.ALL, ExportFormat.CSV, out);
    trail.close();
    String csv = out.toString();

    List<List<String>> rows = parseCsv(csv);
    assertThat(rows.get(0)).containsExactly(ExportWriter.COLUMNS);
    assertThat(rows).hasSize(stored.size() + 1);
    for (int i = 0; i < stored.size(); i++) {
      AuditRecord r = stored.get(i);
      List<String> row = rows.get(i + 1);
      assertThat(row.get(0)).isEqualTo(Long.toString(r.seq()));
      assertThat(Instant.parse(row.get(1))).isEqualTo(r.entry().time());
      assertThat(row.get(2)).isEqualTo(r.entry().requestId());
      assertThat(row.get(3)).isEqualTo("failed");
      assertThat(unneutralize(row.get(4))).isEqualTo(ControlCharacters.escape(r.entry().berthUser()));
      assertThat(unneutralize(row.get(9))).isEqualTo(ControlCharacters.escape(r.entry().commandText()));
      assertThat(unneutralize(row.get(11))).isEqualTo(ControlCharacters.escape(r.entry().target()));
      assertThat(unneutralize(row.get(12))).isEqualTo(ControlCharacters.escape(r.entry().message()));
      assertThat(row.get(14)).as("no context").isNullOrEmpty();
      assertThat(row.get(16)).isEqualTo(r.hash());
      for (String cell : row) {
        // nothing a spreadsheet would evaluate
        assertThat(cell == null || cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0)
            .as("cell %s", cell).isTrue();
      }
    }
    assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains("'@SUM(A1)");
  }

  @Test
  void jsonLinesRoundTripEveryValue() throws Exception {
    StringWriter out = new StringWriter();
    trail.export(AuditFilter.ALL, ExportFormat.JSONL, out);
    trail.close();
    String[] lines = out.toString().split("\n", -1);
    assertThat(lines).hasSize(stored.size() + 1);
    assertThat(lines[lines.length - 1]).isEmpty();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < stored.size(); i++) {
      AuditRecord r = stored.get(i);
      JsonNode n = json.readTree(lines[i]);
      assertThat(n.get("seq").asLong()).isEqualTo(r.seq());
      assertThat(Instant.parse(n.get("time").asText())).isEqualTo(r.entry().time());
      assertThat(n.get("time_ms").asLong()).isEqualTo(r.entry().time().toEpochMilli());
      assertThat(textOrNull(n.get("berth_user"))).isEqualTo(r.entry().berthUser());
      assertThat(n.get("command_text").asText()).isEqualTo(r.entry().commandText());
      assertThat(n.get("target").asText()).isEqualTo(r.entry().target());
      assertThat(n.get("message").asText()).isEqualTo(r.entry().message());
      assertThat(n.get("source").asText()).isEqualTo("web");
      assertThat(n.get("duration_ms").asLong()).isEqualTo(r.entry().durationMs());
      assertThat(n.get("hash").asText()).isEqualTo(r.hash());
    }
  }

  @Test
  void exportHonoursTheFilter() {
    StringWriter out = new StringWriter();
    trail.export(new AuditFilter(null, null, null, null, null, null, null, "evil", null), ExportFormat.JSONL, out);
    trail.close();
    assertThat(out.toString().lines()).hasSize(1).allMatch(l -> l.contains("HYPERLINK"));
  }

  private static String textOrNull(JsonNode n) {
    return n.isNull() ? null : n.asText();
  }

  /** One leading apostrophe is the export's neutralizing mark; null stays null. */
  private static String unneutralize(String cell) {
    return cell != null && cell.startsWith("'") ? cell.substring(1) : cell;
  }

  /** RFC 4180 reader: an empty unquoted cell is null, a quoted empty cell is "". */
  static List<List<String>> parseCsv(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char ch = csv.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (ch == ',' || ch == '\r') {
        if (ch == '\r') i++; // CRLF ends the record
        row.add(cell.length() == 0 && !wasQuoted ? null : cell.toString());
        cell.setLength(0);
        wasQuoted = false;
        if (ch == '\r') {
          rows.add(row);
          row = new ArrayList<>();
        }
      } else {
        cell.append(ch);
      }
    }
    return rows;
  }
}
