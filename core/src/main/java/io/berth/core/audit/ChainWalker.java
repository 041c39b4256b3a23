package io.berth.core.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Walks the chain row by row in seq order (constant memory) and names each edited, inserted or
 * deleted record by its seq. Remembers the hashes at the seqs checkpoints name, so they can be
 * compared afterwards without a second pass.
 */
final class ChainWalker {
  /** How far back an out-of-place link is looked up, to tell "inserted" from "broken". */
  private static final int LOOKBACK = 64;

  private final Set<Long> remember;
  private final Map<Long, String> remembered = new HashMap<>();
  private final Problems problems;
  private final Deque<Long> recentSeqs = new ArrayDeque<>();
  private final Deque<String> recentHashes = new ArrayDeque<>();
  private long expectedSeq = 1;
  private String prevHash = AuditRow.GENESIS;
  private long prevSeq = 0;
  private long checked;

  ChainWalker(Set<Long> remember, Problems problems) {
    this.remember = remember;
    this.problems = problems;
  }

  /** Continues at {@code seq} linked to {@code hash} without having seen the rows before (an archive segment is missing). */
  void resumeAt(long seq, String hash) {
    expectedSeq = seq;
    prevHash = hash;
    prevSeq = seq - 1;
  }

  void accept(AuditRow row) {
    checked++;
    if (row.seq() > expectedSeq) {
      problems.add((row.seq() - expectedSeq == 1
          ? "seq " + expectedSeq + " is missing"
          : "seq " + expectedSeq + ".." + (row.seq() - 1) + " are missing") + " (deleted)");
    } else if (row.seq() < expectedSeq) {
      problems.add("seq " + row.seq() + " is out of place before seq " + expectedSeq + " (inserted)");
    }
    if (!row.computeHash().equals(row.hash())) {
      problems.add("seq " + row.seq() + ": contents do not match its hash (edited)");
    }
    if (!prevHash.equals(row.prevHash())) {
      problems.add(describeBrokenLink(row));
    }
    recentSeqs.addLast(row.seq());
    recentHashes.addLast(row.hash());
    if (recentHashes.size() > LOOKBACK) {
      recentSeqs.removeFirst();
      recentHashes.removeFirst();
    }
    if (remember.contains(row.seq())) remembered.put(row.seq(), row.hash());
    prevHash = row.hash();
    prevSeq = row.seq();
    expectedSeq = Math.max(expectedSeq, row.seq() + 1);
  }

  long checked() {
    return checked;
  }

  /** The highest seq seen (or resumed after): where the trail ends. */
  long lastSeq() {
    return expectedSeq - 1;
  }

  /** The hash the walk saw at {@code seq}, when checkpoints asked for it and the row was there. */
  String hashAt(long seq) {
    return remembered.get(seq);
  }

  private String describeBrokenLink(AuditRow row) {
    // If it links to an older record, the records after that one were slipped in.
    var s = recentSeqs.descendingIterator();
    var h = recentHashes.descendingIterator();
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
}
