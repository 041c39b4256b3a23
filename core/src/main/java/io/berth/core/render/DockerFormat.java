package io.berth.core.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docker's {@code --format}: {@code table …} (a header row, columns aligned by docker's tabwriter),
 * {@code json} (one JSON object per row) or any template; {@code \t} and {@code \n} written as
 * two characters become a tab and a newline, as docker does.
 */
public final class DockerFormat {
  private DockerFormat() {}

  /** True when the format prints a table (a header and aligned columns). */
  public static boolean isTable(String format) {
    return format.startsWith("table");
  }

  /** The template text docker runs: table prefix removed, spaces trimmed, \t and \n unescaped. */
  static String templateText(String format) {
    if (format.equals("json")) return "{{json .}}";
    String out = isTable(format) ? format.substring("table".length()) : format;
    out = out.replaceAll("^ +| +$", "");
    return out.replace("\\t", "\t").replace("\\n", "\n");
  }

  /** Parses the template up front, so a bad one fails before anything is printed. */
  public static GoTemplate compile(String format) {
    return GoTemplate.parse(templateText(format));
  }

  /**
   * Every row through the format; {@code headers} are the context's column titles by field name.
   * {@code defaultTable} replaces a bare {@code table}.
   */
  public static String rows(String format, String defaultTable, List<? extends GoTemplate.Fields> rows,
      Map<String, String> headers) {
    String f = format.equals("table") ? defaultTable : format;
    GoTemplate t = compile(f);
    StringBuilder body = new StringBuilder();
    for (GoTemplate.Fields row : rows) body.append(t.execute(row, false)).append('\n');
    if (!isTable(f)) return body.toString();
    return tabwrite(t.header(headers) + "\n" + body);
  }

  /**
   * docker's tabwriter ({@code minwidth 10, padding 3}): a tab ends a cell, a column is as wide as
   * its widest cell plus 3 and at least 10; the text after a line's last tab is not padded.
   */
  public static String tabwrite(String text) {
    String[] lines = text.split("\n", -1);
    List<String[]> cells = new ArrayList<>();
    int columns = 0;
    for (String line : lines) {
      String[] c = line.split("\t", -1);
      cells.add(c);
      columns = Math.max(columns, c.length - 1);
    }
    int[] width = new int[columns];
    for (String[] c : cells) {
      for (int i = 0; i < c.length - 1; i++) width[i] = Math.max(width[i], Math.max(10, c[i].codePointCount(0, c[i].length()) + 3));
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < cells.size(); l++) {
      String[] c = cells.get(l);
      for (int i = 0; i < c.length - 1; i++) {
        out.append(c[i]).append(" ".repeat(width[i] - c[i].codePointCount(0, c[i].length())));
      }
      out.append(c[c.length - 1]);
      if (l < cells.size() - 1) out.append('\n');
    }
    return out.toString();
  }
}
