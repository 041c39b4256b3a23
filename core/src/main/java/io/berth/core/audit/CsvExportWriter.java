package io.berth.core.audit;

import java.io.IOException;
import java.io.Writer;

/** The raw export as CSV ({@link CsvLines}): a header row, then one line per stored record. */
final class CsvExportWriter implements ExportWriter {
  private final CsvLines csv;

  CsvExportWriter(Writer out) {
    this.csv = new CsvLines(out, COLUMNS);
  }

  @Override
  public void begin() throws IOException {
    csv.header();
  }

  @Override
  public void row(AuditRow row) throws IOException {
    csv.line(ExportWriter.values(row));
  }

  @Override
  public void end() throws IOException {
    csv.flush();
  }
}
