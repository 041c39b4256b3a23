package io.berth.core.adapter.sqlite;

import io.berth.core.audit.VerifyReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks the chain in seq order (a cursor, constant memory) and names each edited, inserted or
 * deleted record by its seq. Deleting the newest records leaves no trace inside the file; compare
 * {@link SqliteAuditTrail#head()} with a copy kept elsewhere to catch that.
 */
final class ChainVerifier {
  /** How far back an out-of-place link is looked up, to tell "inserted" from "broken". */
  private static final int LOOKBACK = 64;
  private static final int MAX_PROBLEMS = 100;

  VerifyReport verify(Connection c) throws SQLException {
    List<String> problems = new ArrayList<>();
    int[] dropped = {0};
    long checked = 0;
    try (Statement st = c.createStatement()) {
      for (String trigger : List.of("audit_no_update", "audit_no_delete")) {
        try (ResultSet rs = st.executeQuery(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = '" + trigger + "'")) {
          if (rs.next() && rs.getInt(1) == 0) {
            add(problems, dropped, "append-only trigger " + trigger + " is missing (dropped outside Berth)");
          }
        }
      }
      long expectedSeq = 1;
      String prevHash = AuditRow.GENESIS;
      long prevSeq = 0;
      Deque<Long> recentSeqs = new ArrayDeque<>();
      Deque<String> recentHashes = new ArrayDeque<>();
      try (ResultSet rs = st.executeQuery("SELECT " + AuditRow.COLUMNS + " FROM audit ORDER BY seq")) {
        while (rs.next()) {
          AuditRow row = AuditRow.read(rs);
          checked++;
          if (row.seq() > expectedSeq) {
            add(problems, dropped, (row.seq() - expectedSeq == 1
                ? "seq " + expectedSeq + " is missing"
                : "seq " + expectedSeq + ".." + (row.seq() - 1) + " are missing") + " (deleted)");
          } else if (row.seq() < expectedSeq) {
            add(problems, dropped, "seq " + row.seq() + " is out of place before seq " + expectedSeq + " (inserted)");
          }
          if (!row.computeHash().equals(row.hash())) {
            add(problems, dropped, "seq " + row.seq() + ": contents do not match its hash (edited)");
          }
          if (!prevHash.equals(row.prevHash())) {
            add(problems, dropped, describeBrokenLink(row, prevSeq, recentSeqs, recentHashes));
          }
          recentSeqs.addLast(row.seq());
          recentHashes.addLast(row.hash());
          if (recentHashes.size() > LOOKBACK) {
            recentSeqs.removeFirst();
            recentHashes.removeFirst();
          }
          prevHash = row.hash();
          prevSeq = row.seq();
          expectedSeq = Math.max(expectedSeq, row.seq() + 1);
        }
      }
    }
    if (dropped[0] > 0) problems.add("... and " + dropped[0] + " more problems");
    return new VerifyReport(checked, problems);
  }

  private static String describeBrokenLink(AuditRow row, long prevSeq, Deque<Long> seqs, Deque<String> hashes) {
    // If it links to an older record, the records after that one were slipped in.
    var s = seqs.descendingIterator();
    var h = hashes.descendingIterator();
    while (s.hasNext()) {
      long seq = s.next();
      if (h.next().equals(row.prevHash()) && seq != prevSeq) {
        return "seq " + row.seq() + " links to seq " + seq + ", not to seq " + prevSeq
            + ": the records in between were inserted";
      }
    }
    return "seq " + row.seq() + ": prev_hash does not match the hash of seq " + prevSeq
        + " (chain broken: a record before it was edited, inserted or deleted)";
  }

  private static void add(List<String> problems, int[] dropped, String problem) {
    if (problems.size() < MAX_PROBLEMS) problems.add(problem);
    else dropped[0]++;
  }
}
