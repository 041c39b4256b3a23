package io.berth.core.render;

import java.util.ArrayList;
import java.util.List;

/** A docker-style column table: left-aligned, columns separated by three spaces. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  TextTable(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  TextTable row(String... cells) {
    if (cells.length != columns) throw new IllegalArgumentException("expected " + columns + " cells");
    rows.add(cells);
    return this;
  }

  String render() {
    int[] widths = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], cell(r[i]).length());
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(cell(r[i]));
        if (i < columns - 1) line.append(" ".repeat(widths[i] - cell(r[i]).length() + 3));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String cell(String s) {
    // one row per record: a newline inside a cell would forge a row
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
