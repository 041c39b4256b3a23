package io.berth.core.audit;

import java.io.IOException;
import java.io.Writer;

/** The raw export as CSV ({@link CsvLines}): a header row, then one line per stored record. */
final class CsvExportWriter extends CsvLines implements ExportWriter {
  CsvExportWriter(Writer out) {
    super(out, COLUMNS);
  }

  @Override
  public void row(AuditRow row) throws IOException {
    line(ExportWriter.values(row));
  }
}
