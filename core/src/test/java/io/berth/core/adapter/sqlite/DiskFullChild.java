package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditUnavailableException;
import java.nio.file.Path;

/**
 * Child process for {@link DiskFullTest}, started under a file-size limit: appends until the trail
 * refuses every attempt, then prints how many appends succeeded, the last refusal and what the
 * health probe says.
 */
public final class DiskFullChild {
  private DiskFullChild() {}

  public static void main(String[] args) {
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(Path.of(args[0]))) {
      int acked = 0;
      int refusedInARow = 0;
      String refusal = null;
      // A refused batch may free WAL space (the writer reconnects and SQLite checkpoints), so keep
      // going until the database file itself is full and every attempt is refused.
      for (int i = 0; i < 100_000 && refusedInARow < 3; i++) {
        try {
          trail.append(Entries.requested("full-" + i, "alice", "stop", "web-" + "x".repeat(3000)));
          acked++;
          refusedInARow = 0;
        } catch (AuditUnavailableException e) {
          refusal = e.getMessage();
          refusedInARow++;
        }
      }
      System.out.println("ACKED " + acked);
      System.out.println("REFUSED " + refusal);
      System.out.println("WRITABLE " + trail.writable());
    }
  }
}
