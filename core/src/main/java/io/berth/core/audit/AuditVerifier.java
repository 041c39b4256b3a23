package io.berth.core.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a trail: the hash chain across archive segments and the live store, then every stored
 * and witnessed checkpoint against it. A checkpoint proves the trail had at least its seq records
 * and that record seq had its hash, so it names truncation (records gone from the end) and a
 * re-chained tail (hashes recomputed after an edit) that the chain alone cannot show.
 */
public final class AuditVerifier {
  private final AuditReader reader;
  private PublicKey publicKey;
  private List<Checkpoint> witnessed = List.of();
  private String witnessName;
  private Path archiveDir;
  private Recordings recordings;

  public AuditVerifier(AuditReader reader) {
    this.reader = reader;
  }

  /** Checks every checkpoint's signature with this key. */
  public AuditVerifier withPublicKey(PublicKey key) {
    this.publicKey = key;
    return this;
  }

  /** Also holds the trail to the checkpoints a witness kept (they survive a replaced store). */
  public AuditVerifier withWitness(String name, List<Checkpoint> checkpoints) {
    this.witnessName = name;
    this.witnessed = List.copyOf(checkpoints);
    return this;
  }

  /** Where archived segments are; without it, archived ranges are reported as unverifiable. */
  public AuditVerifier withArchive(Path dir) {
    this.archiveDir = dir;
    return this;
  }

  /**
   * Also hashes every session recording a record names ({@link Recordings#named}) and compares it with the hash in
   * that chained record: an edited, replaced or deleted recording is a problem like an edited record.
   */
  public AuditVerifier withRecordings(Recordings recordings) {
    this.recordings = recordings;
    return this;
  }

  public VerifyReport verify() {
    Problems problems = new Problems();
    List<String> notes = new ArrayList<>();
    reader.storageProblems().forEach(problems::add);
    List<Checkpoint> stored = reader.checkpoints();
    List<ArchivedRange> ranges = reader.archived();
    Set<String> storedSignatures = new HashSet<>();
    stored.forEach(c -> storedSignatures.add(c.signature()));
    List<Checkpoint> witnessOnly = witnessed.stream().filter(c -> !storedSignatures.contains(c.signature())).toList();

    Set<Long> wanted = new HashSet<>();
    stored.forEach(c -> wanted.add(c.seq()));
    witnessOnly.forEach(c -> wanted.add(c.seq()));
    ranges.forEach(r -> wanted.add(r.throughSeq()));
    ChainWalker walker = new ChainWalker(wanted, problems);

    for (ArchivedRange range : ranges) walkSegment(range, walker, problems, notes);
    int[] recordingsChecked = {0};
    reader.replay(1, Long.MAX_VALUE, row -> {
      walker.accept(row);
      if (recordings != null) {
        Recordings.named(row.message()).ifPresent(named -> {
          recordingsChecked[0]++;
          String problem = recordings.problem(named);
          if (problem != null) problems.add("record " + row.seq() + ": " + problem);
        });
      }
    });
    if (recordings != null) notes.add(recordingsChecked[0] + " session recording(s) checked in " + recordings.dir());

    long validCover = 0;
    Checkpoint previous = null;
    for (Checkpoint c : stored) {
      if (!c.prevSignatureHash().equals(Checkpoint.linkAfter(previous))) {
        problems.add("checkpoint at seq " + c.seq() + " does not follow the checkpoint before it"
            + " (a checkpoint was removed or inserted)");
      }
      if (check(c, "checkpoint", "", walker, problems)) validCover = Math.max(validCover, c.seq());
      previous = c;
    }
    for (Checkpoint c : witnessOnly) {
      if (check(c, "witness checkpoint", " (records deleted, or the audit store replaced by an older copy)", walker, problems)) {
        validCover = Math.max(validCover, c.seq());
      }
    }

    if (publicKey == null && !(stored.isEmpty() && witnessed.isEmpty())) {
      notes.add("no public key given: checkpoint signatures were not checked");
    }
    if (stored.isEmpty() && witnessed.isEmpty()) {
      notes.add("no checkpoints: deleting the newest records would go unnoticed");
    } else if (validCover < walker.lastSeq()) {
      notes.add("seq " + (validCover + 1) + ".." + walker.lastSeq() + " are newer than the last checkpoint"
          + " (the next checkpoint covers them)");
    }
    if (witnessName != null) notes.add(witnessed.size() + " checkpoint(s) in " + witnessName);
    return new VerifyReport(walker.checked(), problems.list(), notes);
  }

  /** Checks one checkpoint; true when it is genuine and matches the trail. */
  private boolean check(Checkpoint c, String label, String truncationHint, ChainWalker walker, Problems problems) {
    String what = label + " at seq " + c.seq();
    if (publicKey != null && !CheckpointSigner.verifies(c, publicKey)) {
      problems.add(what + ": signature invalid (not made with Berth's key: forged, or altered after the chain was rewritten)");
      return false;
    }
    long end = walker.lastSeq();
    if (c.seq() > end) {
      long gone = c.seq() - end;
      problems.add(what + " covers records up to " + c.seq() + " but the trail ends at " + end + ": " + gone
          + " record" + (gone == 1 ? "" : "s") + " deleted from the end" + truncationHint);
      return false;
    }
    if (c.seq() == 0) return c.headHash().equals(AuditRow.GENESIS);
    String actual = walker.hashAt(c.seq());
    if (actual == null) {
      problems.add(what + ": record " + c.seq() + " is missing, so the checkpoint cannot be matched");
      return false;
    }
    if (!actual.equals(c.headHash())) {
      problems.add(what + ": head hash does not match record " + c.seq()
          + " (the chain up to there was rewritten: re-chained tail)");
      return false;
    }
    return true;
  }

  private void walkSegment(ArchivedRange range, ChainWalker walker, Problems problems, List<String> notes) {
    String span = "seq " + range.firstSeq() + ".." + range.throughSeq();
    Path file = archiveDir == null ? null : archiveDir.resolve(range.segment());
    if (file == null || !Files.isRegularFile(file)) {
      problems.add(span + " were archived to " + range.segment() + ", which is not in "
          + (archiveDir == null ? "the archive directory" : archiveDir) + ": they cannot be verified");
      walker.resumeAt(range.throughSeq() + 1, range.lastHash());
      return;
    }
    try {
      if (!ArchiveSegment.sha256(file).equals(range.segmentSha256())) {
        problems.add(range.segment() + " changed since it was archived (its SHA-256 differs from the one recorded)");
      }
      Checkpoint seal = ArchiveSegment.read(file, walker::accept);
      if (seal == null) {
        problems.add(range.segment() + " has no seal (truncated file)");
      } else if (publicKey != null && !CheckpointSigner.verifies(seal, publicKey)) {
        problems.add(range.segment() + ": seal signature invalid");
      } else if (seal.seq() != range.throughSeq() || !seal.headHash().equals(range.lastHash())) {
        problems.add(range.segment() + ": seal covers seq " + seal.seq() + ", not the archived range " + span);
      }
      if (walker.lastSeq() < range.throughSeq()) {
        problems.add(range.segment() + " ends at seq " + walker.lastSeq() + " but should hold " + span
            + ": records deleted from the segment");
      } else if (!range.lastHash().equals(walker.hashAt(range.throughSeq()))) {
        problems.add(range.segment() + ": record " + range.throughSeq() + " does not match the archived range's last hash");
      }
      notes.add(span + " verified from " + range.segment());
    } catch (IOException | RuntimeException e) {
      problems.add(range.segment() + " cannot be read: " + e.getMessage());
      walker.resumeAt(range.throughSeq() + 1, range.lastHash());
    }
  }
}
