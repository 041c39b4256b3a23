package io.berth.core.audit;

import java.io.IOException;

/** Receives stored rows one at a time, so a scan never holds more than one row. */
@FunctionalInterface
public interface AuditRowSink {
  void accept(AuditRow row) throws IOException;
}
