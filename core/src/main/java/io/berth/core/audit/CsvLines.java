package io.berth.core.audit;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV lines, as both CSV exports (raw records and folded commands) write them: a header row,
 * CRLF line ends. A null is an empty unquoted cell, an empty string a quoted {@code ""}. Cells a
 * spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) get a leading {@code '};
 * so do cells that already start with one, so removing one leading {@code '} always restores the stored text.
 * Each export adds only how one of its items becomes a line.
 */
abstract class CsvLines {
  private final Writer out;
  private final String[] header;

  CsvLines(Writer out, String[] header) {
    this.out = out;
    this.header = header;
  }

  public void begin() throws IOException {
    line(header);
  }

  final void line(String[] cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) out.write(',');
      out.write(cell(cells[i]));
    }
    out.write("\r\n");
  }

  public void end() throws IOException {
    out.flush();
  }

  private static String cell(String value) {
    if (value == null) return "";
    String s = value;
    if (!s.isEmpty() && "=+-@\t\r'".indexOf(s.charAt(0)) >= 0) s = "'" + s;
    boolean quote = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0 || s.startsWith(" ") || s.endsWith(" ");
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
