package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth audit …} end to end through the launcher, tampering with the database using the
 * real sqlite3 tool as an intruder would: exports are themselves audited, checkpoints written at
 * exit catch truncation, the witness file catches an older copy, archives verify.
 */
class AuditCommandIT {
  @TempDir Path dir;
  Path config;
  Path data;

  @BeforeEach
  void writeConfig() throws Exception {
    data = dir.resolve("data");
    config = dir.resolve("berth.yml");
    Files.writeString(config, "data:\n  dir: " + data + "\naudit:\n  witness:\n    file: " + dir.resolve("witness.jsonl") + "\n");
  }

  record Result(int code, String out, String err) {}

  static Result berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** One command through the core (ps: the shared engine, read-only): two audit records, and a checkpoint at exit. */
  private void oneCommand() {
    Result r = berth("docker", "--config", config.toString(), "ps");
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void anAuditExportThroughTheCliIsItselfAuditedAsTheLocalOperator() {
    oneCommand();
    Result first = berth("audit", "export", "--config", config.toString(), "--format", "jsonl");
    assertThat(first.code()).as(first.err()).isZero();
    Result second = berth("audit", "export", "--config", config.toString(), "--format", "csv", "--raw");
    assertThat(second.code()).as(second.err()).isZero();
    List<String> exports = second.out().lines().filter(l -> l.contains("audit export --format jsonl")).toList();
    assertThat(exports).as(second.out()).anyMatch(l -> l.contains(",requested,")).anyMatch(l -> l.contains(",succeeded,"));
    assertThat(exports).allMatch(l -> l.contains(",cli,") && l.contains(System.getProperty("user.name")) && l.contains(",audit,"));
    // folded (the default): the first export is one line, its two records folded into it
    Result third = berth("audit", "export", "--config", config.toString(), "--format", "csv");
    assertThat(third.out().lines().filter(l -> l.contains("audit export --format jsonl,"))).as(third.out())
        .singleElement().asString().contains(",succeeded,").contains(" requested ").contains(" succeeded ");
    Result verify = berth("audit", "verify", "--config", config.toString());
    assertThat(verify.code()).as(verify.err()).isZero();
  }

  /** ps ran in the one endpoint (named local by default); an export runs on no engine and names no context. */
  @Test
  void exportFiltersByTheContextACommandRanInAndWritesTheContextColumn() {
    oneCommand();
    Result all = berth("audit", "export", "--config", config.toString(), "--format", "csv", "--raw");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out().lines().findFirst().orElseThrow()).contains(",duration_ms,context,prev_hash,hash");
    Result local = berth("audit", "export", "--config", config.toString(), "--format", "csv", "--context", "local");
    assertThat(local.code()).as(local.err()).isZero();
    List<String> lines = local.out().lines().toList();
    assertThat(lines.get(0)).contains(",duration_ms,context,first_seq,");
    assertThat(lines.subList(1, lines.size())).as(local.out()).singleElement().asString()
        .contains(",ps,").contains(",local,");
    Result none = berth("audit", "export", "--config", config.toString(), "--format", "jsonl", "--context", "qa");
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.out()).isEmpty();
    Result bad = berth("audit", "export", "--config", config.toString(), "--context", "../x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--context \"../x\" is not a context name");
  }

  @Test
  void theSigningKeyIsCreatedOnceOwnerOnlyWithItsPublicKeyBesideIt() throws Exception {
    oneCommand();
    Path key = data.resolve("audit-signing.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    String pub = Files.readString(data.resolve("audit-signing.pub"));
    assertThat(pub).startsWith("-----BEGIN PUBLIC KEY-----");
    oneCommand();
    assertThat(Files.readString(data.resolve("audit-signing.pub"))).isEqualTo(pub);
    Result verify = berth("audit", "verify", "--config", config.toString());
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("checkpoints signed by " + data.resolve("audit-signing.pub"));
  }

  @Test
  void deletingTheNewestRecordsIsNamedAsTruncationByTheCheckpointWrittenAtExit() throws Exception {
    oneCommand();
    oneCommand(); // 4 records, a checkpoint at seq 4
    sqlite("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > 1;");
    Result verify = berth("audit", "verify", "--config", config.toString());
    assertThat(verify.code()).as(verify.out()).isEqualTo(1);
    assertThat(verify.err()).contains("TAMPERED")
        .contains("checkpoint at seq 4 covers records up to 4 but the trail ends at 1: 3 records deleted from the end");
  }

  @Test
  void aReChainedTailFailsOnTheCheckpointSignature() throws Exception {
    oneCommand();
    // the intruder moves the checkpoint's head hash to a forged record: the signature no longer holds
    // (its first hex digit is changed for sure: a hash that already began with 'f' would stay as it was)
    sqlite("DROP TRIGGER checkpoint_no_update; UPDATE checkpoint SET head_hash ="
        + " (CASE WHEN substr(head_hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(head_hash, 2);");
    Result verify = berth("audit", "verify", "--config", config.toString());
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.err()).contains("checkpoint at seq 2: signature invalid");
  }

  @Test
  void theWitnessFileProvesTheTrailIncompleteAfterTheDatabaseIsReplacedByAnOlderCopy() throws Exception {
    oneCommand();
    Path older = dir.resolve("older.db");
    sqlite(".backup " + older);
    oneCommand();
    oneCommand();
    Path db = data.resolve("audit.db");
    for (String s : new String[] {"-wal", "-shm"}) Files.deleteIfExists(Path.of(db + s));
    Files.copy(older, db, StandardCopyOption.REPLACE_EXISTING);

    Result alone = berth("audit", "verify", "--config", config.toString());
    assertThat(alone.code()).as("the older copy is consistent on its own: " + alone.err()).isZero();
    Result withWitness = berth("audit", "verify", "--config", config.toString(), "--witness",
        dir.resolve("witness.jsonl").toString());
    assertThat(withWitness.code()).isEqualTo(1);
    assertThat(withWitness.err()).contains("witness checkpoint at seq 6 covers records up to 6 but the trail ends at 2");
  }

  @Test
  void archiveSealsAndPrunesAndVerifySpansTheArchive() throws Exception {
    oneCommand();
    oneCommand();
    Result bad = berth("audit", "archive", "--config", config.toString(), "--before", "last-week");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--before: \"last-week\" is not a date (2026-01-01), an age (90d) or a timestamp");
    Result tooOld = berth("audit", "archive", "--config", config.toString(), "--before", "2000-01-01");
    assertThat(tooOld.code()).isEqualTo(1);
    assertThat(tooOld.err()).contains("nothing to archive: no record in the live trail is older than 2000-01-01T00:00:00Z");
    String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
    Result archive = berth("audit", "archive", "--config", config.toString(), "--before", tomorrow);
    assertThat(archive.code()).as(archive.err()).isZero();
    assertThat(archive.out()).contains("archived seq 1..4 (4 records)");
    assertThat(data.resolve("archive/audit-000000000001-000000000004.jsonl.gz")).exists();
    assertThat(sqlite("SELECT count(*) FROM audit WHERE seq <= 4;")).isZero(); // pruned
    oneCommand();
    Result verify = berth("audit", "verify", "--config", config.toString());
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("seq 1..4 verified from audit-000000000001-000000000004.jsonl.gz");
    assertThat(sqlite("DELETE FROM audit WHERE seq = 5;")).as("only archived rows may be deleted").isNotZero();
  }

  /** Runs sqlite3 on the audit database; returns its exit code, or for a count query the count. */
  private int sqlite(String sql) throws Exception {
    Process p = new ProcessBuilder("sqlite3", data.resolve("audit.db").toString(), sql).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes()).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    if (p.exitValue() == 0 && sql.startsWith("SELECT count")) return Integer.parseInt(output);
    return p.exitValue();
  }
}
