package io.berth.core.audit;

import io.berth.core.model.Caller;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Retention: moves the oldest records into a sealed segment file, prunes them from the store, and
 * appends a chained record naming the segment and its SHA-256 (so later checkpoints vouch for the
 * segment too). Verification then spans segments and the live chain.
 */
public final class AuditArchiver {
  /** What one archive run did. */
  public record Archived(ArchivedRange range, Path segment, long records) {}

  private final AuditTrail trail;
  private final CheckpointSigner signer;
  private final Path archiveDir;
  private final Clock clock;

  public AuditArchiver(AuditTrail trail, CheckpointSigner signer, Path archiveDir, Clock clock) {
    this.trail = trail;
    this.signer = signer;
    this.archiveDir = archiveDir;
    this.clock = clock;
  }

  /**
   * Archives every record up to the newest one older than {@code before}; {@code berthUser} and
   * {@code caller} are who asked, for the chained record. Refuses when the trail does not verify
   * (sealing a tampered chain would hide the tampering) or when nothing is that old.
   */
  public Archived archive(Instant before, String berthUser, Caller caller) throws IOException {
    Instant started = clock.instant();
    List<ArchivedRange> done = trail.archived();
    long first = done.isEmpty() ? 1 : done.get(done.size() - 1).throughSeq() + 1;
    AuditFilter older = new AuditFilter(null, null, null, null, null, null, before, null, null);
    List<AuditRecord> newestOld = trail.query(older, 1);
    if (newestOld.isEmpty() || newestOld.get(0).seq() < first) {
      throw new IllegalArgumentException("nothing to archive: no record in the live trail is older than " + before);
    }
    long through = newestOld.get(0).seq();
    VerifyReport check = new AuditVerifier(trail).withArchive(archiveDir).verify();
    if (!check.ok()) {
      throw new IllegalStateException("refusing to archive: the trail does not verify (" + check.problems().get(0)
          + "); run `berth audit verify`");
    }

    Files.createDirectories(archiveDir);
    String name = ArchiveSegment.name(first, through);
    Path target = archiveDir.resolve(name);
    if (Files.exists(target)) throw new IllegalStateException(target + " already exists; it was not archived twice");
    Path tmp = archiveDir.resolve(name + ".tmp-" + UUID.randomUUID());
    AuditRow[] last = {null};
    long[] count = {0};
    try {
      try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW);
          Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8))) {
        ExportWriter rows = new JsonLinesExportWriter(out);
        rows.begin();
        trail.replay(first, through, row -> {
          rows.row(row);
          last[0] = row;
          count[0]++;
        });
        rows.end();
        if (last[0] == null || last[0].seq() != through) {
          throw new IllegalStateException("the trail changed while archiving (seq " + through + " not found)");
        }
        Checkpoint seal = signer.sign(new ChainHead(through, last[0].hash()), clock.instant(), null);
        com.fasterxml.jackson.databind.node.ObjectNode sealLine =
            new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        sealLine.set("seal", CheckpointJson.toNode(seal));
        out.write(sealLine.toString());
        out.write('\n');
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true); // the segment is on disk before any row it holds is pruned
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }

    String sha = ArchiveSegment.sha256(target);
    ArchivedRange range = new ArchivedRange(first, through, last[0].hash(), name, sha, clock.instant());
    trail.pruneArchived(range);
    Instant now = clock.instant();
    trail.append(new AuditEntry(UUID.randomUUID().toString(), now, AuditOutcome.SUCCEEDED, berthUser,
        caller.source(), caller.platformUserId(), caller.displayName(), caller.where().describe(),
        "audit archive --before " + before, "audit", name,
        "archived seq " + first + ".." + through + " (" + count[0] + " records) to " + name + " sha256 " + sha,
        Duration.between(started, now).toMillis()));
    return new Archived(range, target, count[0]);
  }
}
