package io.berth.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every audit store must do, run against each one: the in-memory fake, SQLite, and any store
 * added later (one subclass implementing the hooks below). The verification cases tamper through
 * the hooks, standing in for someone with write access to the store but without the signing key.
 */
public abstract class AuditLogContract {
  @TempDir protected Path dir;
  protected KeyPair keys;
  protected CheckpointSigner signer;

  /** Opens the store under test; called again in one test, it opens the same store (as a restart would). */
  protected abstract AuditTrail open();

  /** Outside Berth: deletes the newest {@code count} rows. */
  protected abstract void deleteNewest(int count) throws Exception;

  /** Outside Berth: replaces every live row with what {@code change} makes of them. */
  protected abstract void rewriteRows(UnaryOperator<List<AuditRow>> change) throws Exception;

  /** Outside Berth: a copy of the whole store (rows, checkpoints) as it is now. */
  protected abstract Object copy() throws Exception;

  /** Outside Berth: puts back a copy taken earlier, replacing the store. */
  protected abstract void replaceWith(Object copy) throws Exception;

  @BeforeEach
  void keys() throws Exception {
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    signer = new CheckpointSigner(keys.getPrivate());
  }

  protected static AuditEntry entry(String id, AuditOutcome outcome, String user, String action, String target,
      Instant time) {
    return new AuditEntry(id, time, outcome, user, Source.SLACK, "U-" + user, user + " display", "T1/C1",
        action + " " + target, action, target, outcome == AuditOutcome.REQUESTED ? null : "ok",
        outcome == AuditOutcome.REQUESTED ? null : 7L);
  }

  /** {@link #entry} run in {@code context}. */
  protected static AuditEntry inContext(String context, String id, AuditOutcome outcome, String user, String action,
      String target, Instant time) {
    AuditEntry e = entry(id, outcome, user, action, target, time);
    return new AuditEntry(e.requestId(), e.time(), e.outcome(), e.berthUser(), e.source(), e.platformUserId(),
        e.displayName(), e.location(), e.commandText(), e.action(), e.target(), e.message(), e.durationMs(), context);
  }

  protected static void appendMany(AuditTrail t, int n, Instant time) {
    for (int i = 0; i < n; i++) t.append(entry("r" + i, AuditOutcome.SUCCEEDED, "alice", "ps", "", time));
  }

  private VerifyReport verify(AuditTrail t) {
    return new AuditVerifier(t).withPublicKey(keys.getPublic()).withArchive(dir.resolve("archive")).verify();
  }

  @Test
  void appendsLinkIntoOneChainWhoseHeadIsTheNewestRecord() {
    try (AuditTrail t = open()) {
      assertThat(t.head()).isEqualTo(ChainHead.EMPTY);
      appendMany(t, 5, Instant.now());
      List<AuditRow> rows = new ArrayList<>();
      t.replay(1, Long.MAX_VALUE, rows::add);
      assertThat(rows).extracting(AuditRow::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(rows.get(0).prevHash()).isEqualTo(AuditRow.GENESIS);
      for (int i = 1; i < rows.size(); i++) assertThat(rows.get(i).prevHash()).isEqualTo(rows.get(i - 1).hash());
      rows.forEach(r -> assertThat(r.computeHash()).isEqualTo(r.hash()));
      assertThat(t.head()).isEqualTo(new ChainHead(5, rows.get(4).hash()));
      assertThat(t.verify().problems()).isEmpty();
    }
  }

  @Test
  void replayStreamsARangeInSeqOrderAndQueryIsNewestFirstWithFilters() {
    try (AuditTrail t = open()) {
      Instant now = Instant.now();
      t.append(entry("a", AuditOutcome.REQUESTED, "alice", "stop", "web", now));
      t.append(entry("a", AuditOutcome.SUCCEEDED, "alice", "stop", "web", now));
      t.append(entry("b", AuditOutcome.DENIED, "bob", "rm", "db", now));
      List<Long> range = new ArrayList<>();
      t.replay(2, 3, r -> range.add(r.seq()));
      assertThat(range).containsExactly(2L, 3L);
      assertThat(t.query(AuditFilter.ALL, 10)).extracting(AuditRecord::seq).containsExactly(3L, 2L, 1L);
      AuditFilter alice = new AuditFilter("alice", null, null, null, null, null, null, null, null);
      assertThat(t.query(alice, 10)).extracting(AuditRecord::seq).containsExactly(2L, 1L);
      assertThat(t.query(alice.before(2L), 10)).extracting(AuditRecord::seq).containsExactly(1L);
      assertThat(t.unfinished()).isEmpty();
      t.append(entry("c", AuditOutcome.REQUESTED, "carol", "restart", "api", now));
      assertThat(t.unfinished()).extracting(r -> r.entry().requestId()).containsExactly("c");
      assertThat(t.closeInterrupted()).isEqualTo(1);
      assertThat(t.query(AuditFilter.ALL, 1).get(0).entry().outcome()).isEqualTo(AuditOutcome.INTERRUPTED);
      assertThat(t.unfinished()).isEmpty();
    }
  }

  @Test
  void aRunAfterAConfirmationOrAnApprovalIsUnfinishedUntilItsClosingRecord() {
    try (AuditTrail t = open()) {
      Instant now = Instant.now();
      t.append(entry("conf", AuditOutcome.CONFIRMATION_REQUIRED, "alice", "rm", "web", now));
      t.append(entry("appr", AuditOutcome.APPROVAL_REQUESTED, "alice", "rm", "db", now));
      t.append(entry("appr", AuditOutcome.APPROVED, "bob", "rm", "db", now));
      t.append(entry("conf", AuditOutcome.REQUESTED, "alice", "rm", "web", now));
      t.append(entry("appr", AuditOutcome.REQUESTED, "alice", "rm", "db", now));
      t.append(entry("appr", AuditOutcome.DENIED, "carol", "rm", "db", now)); // a press while it runs ends nothing
      assertThat(t.unfinished()).extracting(r -> r.entry().requestId()).containsExactly("conf", "appr");
      t.append(entry("conf", AuditOutcome.SUCCEEDED, "alice", "rm", "web", now));
      assertThat(t.unfinished()).extracting(r -> r.entry().requestId()).containsExactly("appr");
    }
  }

  @Test
  void onlyRequestsKeepsTheRecordsOfThoseRequestsWithTheOtherFilters() {
    try (AuditTrail t = open()) {
      Instant now = Instant.now();
      t.append(entry("a", AuditOutcome.REQUESTED, "alice", "stop", "web", now));
      t.append(entry("b", AuditOutcome.REQUESTED, "bob", "stop", "db", now));
      t.append(entry("a", AuditOutcome.SUCCEEDED, "alice", "stop", "web", now));
      t.append(entry("c", AuditOutcome.DENIED, "carol", "rm", "db", now));
      assertThat(t.query(AuditFilter.ALL.onlyRequests(List.of("a", "c")), 10)).extracting(AuditRecord::seq)
          .containsExactly(4L, 3L, 1L);
      AuditFilter succeeded = new AuditFilter(null, null, null, null, AuditOutcome.SUCCEEDED, null, null, null, null);
      assertThat(t.query(succeeded.onlyRequests(List.of("a", "b")), 10)).extracting(AuditRecord::seq).containsExactly(3L);
      assertThat(t.query(AuditFilter.ALL.onlyRequests(List.of()), 10)).isEmpty();
    }
  }

  /**
   * Commands interleaved as they are in a real trail (a confirmation answered later, an approval
   * spanning other commands): pages of two commands hold whole commands, newest matching record
   * first, and paging on with the cursor lists each command exactly once.
   */
  @Test
  void commandPagesHoldWholeCommandsEachListedOnce() {
    try (AuditTrail t = open()) {
      Instant now = Instant.now();
      t.append(entry("rm", AuditOutcome.CONFIRMATION_REQUIRED, "alice", "rm", "web", now));     // 1
      t.append(entry("ps", AuditOutcome.REQUESTED, "bob", "ps", "", now));                      // 2
      t.append(entry("ps", AuditOutcome.SUCCEEDED, "bob", "ps", "", now));                      // 3
      t.append(entry("kill", AuditOutcome.APPROVAL_REQUESTED, "alice", "kill", "db", now));     // 4
      t.append(entry("rm", AuditOutcome.REQUESTED, "bob", "rm", "web", now));                   // 5 bob confirms
      t.append(entry("no", AuditOutcome.DENIED, "carol", "rm", "db", now));                     // 6
      t.append(entry("kill", AuditOutcome.APPROVED, "bob", "kill", "db", now));                 // 7
      t.append(entry("rm", AuditOutcome.SUCCEEDED, "bob", "rm", "web", now));                   // 8
      t.append(entry("kill", AuditOutcome.REQUESTED, "alice", "kill", "db", now));              // 9
      t.append(entry("kill", AuditOutcome.FAILED, "alice", "kill", "db", now));                 // 10

      List<String> order = new ArrayList<>();
      List<AuditedCommand> all = new ArrayList<>();
      AuditFilter f = AuditFilter.ALL;
      for (int guard = 0; guard < 10; guard++) {
        CommandFolding.Page p = CommandFolding.page(t, f, 2, e -> true, 10_000);
        p.commands().forEach(c -> order.add(c.requestId()));
        all.addAll(p.commands());
        if (p.nextCursor() == null) break;
        f = f.before(p.nextCursor());
      }
      assertThat(order).containsExactly("kill", "rm", "no", "ps");
      AuditedCommand kill = all.get(0);
      assertThat(kill.steps()).extracting(AuditRecord::seq).containsExactly(4L, 7L, 9L, 10L);
      assertThat(kill.outcome()).isEqualTo(AuditOutcome.FAILED);
      AuditedCommand rm = all.get(1);
      assertThat(rm.steps()).extracting(AuditRecord::seq).containsExactly(1L, 5L, 8L);
      assertThat(rm.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
      assertThat(rm.request().berthUser()).isEqualTo("alice");
      assertThat(rm.stepSummary()).containsExactly("confirmation_required", "requested by bob");

      // bob's records: kill (approved at 7) and rm (8) on page one; ps (3) on page two, even
      // though rm's and kill's older records are below the first page's cursor
      AuditFilter bob = new AuditFilter("bob", null, null, null, null, null, null, null, null);
      CommandFolding.Page first = CommandFolding.page(t, bob, 2, e -> true, 10_000);
      assertThat(first.commands()).extracting(AuditedCommand::requestId).containsExactly("rm", "kill");
      assertThat(first.nextCursor()).isEqualTo(7L);
      CommandFolding.Page second = CommandFolding.page(t, bob.before(first.nextCursor()), 2, e -> true, 10_000);
      assertThat(second.commands()).extracting(AuditedCommand::requestId).containsExactly("ps");
      assertThat(second.nextCursor()).isNull();
    }
  }

  @Test
  void theFoldedExportHasOneLinePerCommandAndRawOnePerRecord() throws Exception {
    try (AuditTrail t = open()) {
      Instant now = Instant.parse("2026-03-01T10:00:00Z");
      t.append(entry("rm", AuditOutcome.CONFIRMATION_REQUIRED, "alice", "rm", "web", now));
      t.append(entry("rm", AuditOutcome.REQUESTED, "bob", "rm", "web", now.plusSeconds(5)));
      t.append(entry("rm", AuditOutcome.SUCCEEDED, "bob", "rm", "web", now.plusSeconds(6)));
      StringWriter csv = new StringWriter();
      CommandFolding.export(t, AuditFilter.ALL, ExportFormat.CSV, csv, e -> true);
      List<String> lines = csv.toString().lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).isEqualTo(String.join(",", CommandExportWriter.COLUMNS));
      assertThat(lines.get(1)).startsWith("rm,2026-03-01T10:00:00Z,2026-03-01T10:00:06Z,succeeded,alice,slack,")
          .endsWith(",ok,7,,1,3,1 confirmation_required alice 2026-03-01T10:00:00Z: ok | 2 requested bob"
              + " 2026-03-01T10:00:05Z | 3 succeeded bob 2026-03-01T10:00:06Z: ok");
      StringWriter jsonl = new StringWriter();
      CommandFolding.export(t, AuditFilter.ALL, ExportFormat.JSONL, jsonl, e -> true);
      com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(jsonl.toString().lines().findFirst().orElseThrow());
      assertThat(n.get("outcome").asText()).isEqualTo("succeeded");
      assertThat(n.get("berth_user").asText()).isEqualTo("alice");
      assertThat(n.get("steps")).hasSize(3);
      assertThat(n.get("steps").get(2).get("hash").asText()).isEqualTo(t.head().hash());
      StringWriter raw = new StringWriter();
      t.export(AuditFilter.ALL, ExportFormat.CSV, raw);
      assertThat(raw.toString().lines()).hasSize(4);
    }
  }

  @Test
  void theContextIsStoredHashedFilteredFoldedExportedAndVerified() throws Exception {
    try (AuditTrail t = open()) {
      Instant now = Instant.parse("2026-03-01T10:00:00Z");
      t.append(entry("login", AuditOutcome.SUCCEEDED, "alice", "login", null, now));                        // 1 no engine
      t.append(inContext("prod", "a", AuditOutcome.REQUESTED, "alice", "stop", "web-1", now));              // 2
      t.append(inContext("prod", "a", AuditOutcome.SUCCEEDED, "alice", "stop", "web-1", now));              // 3
      t.append(inContext("staging", "b", AuditOutcome.REQUESTED, "alice", "stop", "web-1", now));           // 4
      t.append(inContext("staging", "b", AuditOutcome.FAILED, "alice", "stop", "web-1", now));              // 5
      t.append(entry("old", AuditOutcome.SUCCEEDED, "bob", "stop", "prod/web-1", now)); // 6: before the column

      List<AuditRow> rows = new ArrayList<>();
      t.replay(1, Long.MAX_VALUE, rows::add);
      assertThat(rows).extracting(AuditRow::context).containsExactly(null, "prod", "prod", "staging", "staging", null);
      rows.forEach(r -> assertThat(r.computeHash()).isEqualTo(r.hash()));
      assertThat(t.query(AuditFilter.ALL, 10)).extracting(r -> r.entry().context())
          .containsExactly(null, "staging", "staging", "prod", "prod", null);

      AuditFilter prod = AuditFilter.ALL.inContext("prod");
      assertThat(t.query(prod, 10)).extracting(AuditRecord::seq).containsExactly(3L, 2L);
      assertThat(t.query(prod.inContext("staging"), 10)).extracting(AuditRecord::seq).containsExactly(5L, 4L);
      assertThat(t.query(new AuditFilter(null, null, "stop", "web-1", AuditOutcome.FAILED, null, null, null, null)
          .inContext("prod"), 10)).isEmpty();
      assertThat(t.query(AuditFilter.ALL.inContext("qa"), 10)).isEmpty();
      // a record from before the column keeps its context in the target, found as written
      assertThat(t.query(new AuditFilter(null, null, null, "prod/web-1", null, null, null, null, null), 10))
          .extracting(AuditRecord::seq).containsExactly(6L);

      CommandFolding.Page page = CommandFolding.page(t, AuditFilter.ALL, 10, e -> true, 10_000);
      assertThat(page.commands()).extracting(AuditedCommand::requestId).containsExactly("old", "b", "a", "login");
      assertThat(page.commands()).extracting(AuditedCommand::context).containsExactly(null, "staging", "prod", null);
      assertThat(CommandFolding.page(t, prod, 10, e -> true, 10_000).commands())
          .extracting(AuditedCommand::requestId).containsExactly("a");

      StringWriter raw = new StringWriter();
      t.export(prod, ExportFormat.CSV, raw);
      List<String> rawLines = raw.toString().lines().toList();
      assertThat(rawLines.get(0)).contains(",duration_ms,context,prev_hash,hash");
      assertThat(rawLines).hasSize(3);
      assertThat(rawLines.get(1)).startsWith("3,").contains(",ok,7,prod,");
      StringWriter rawJson = new StringWriter();
      t.export(AuditFilter.ALL, ExportFormat.JSONL, rawJson);
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      List<String> json = rawJson.toString().lines().toList();
      assertThat(mapper.readTree(json.get(1)).get("context").asText()).isEqualTo("staging");
      assertThat(mapper.readTree(json.get(0)).get("context").isNull()).isTrue();
      StringWriter folded = new StringWriter();
      CommandFolding.export(t, AuditFilter.ALL.inContext("staging"), ExportFormat.CSV, folded, e -> true);
      List<String> foldedLines = folded.toString().lines().toList();
      assertThat(foldedLines).hasSize(2);
      assertThat(foldedLines.get(0)).contains(",duration_ms,context,first_seq,");
      assertThat(foldedLines.get(1)).startsWith("b,").contains(",staging,4,5,");
      StringWriter foldedJson = new StringWriter();
      CommandFolding.export(t, prod, ExportFormat.JSONL, foldedJson, e -> true);
      var command = mapper.readTree(foldedJson.toString().lines().findFirst().orElseThrow());
      assertThat(command.get("context").asText()).isEqualTo("prod");
      assertThat(command.get("steps").get(0).get("context").asText()).isEqualTo("prod");

      t.checkpoint(signer).orElseThrow();
      assertThat(verify(t).problems()).isEmpty();
    }
    // the context is hashed: moving a record to another context, or clearing it, is an edit
    rewriteRows(rows -> rows.stream().map(r -> r.seq() == 3 ? withContext(r, "staging")
        : r.seq() == 5 ? withContext(r, null) : r).toList());
    try (AuditTrail t = open()) {
      assertThat(verify(t).problems()).contains("seq 3: contents do not match its hash (edited)",
          "seq 5: contents do not match its hash (edited)");
    }
  }

  private static AuditRow withContext(AuditRow r, String context) {
    return new AuditRow(r.seq(), r.requestId(), r.timeMs(), r.outcome(), r.berthUser(), r.source(), r.platformUserId(),
        r.displayName(), r.location(), r.commandText(), r.action(), r.target(), r.message(), r.durationMs(), context,
        r.prevHash(), r.hash());
  }

  @Test
  void archivedRecordsKeepTheirContextAndVerify() throws Exception {
    Path archive = dir.resolve("archive");
    Caller operator = new Caller(Source.CLI, "ops", "ops", Location.remote("host"));
    try (AuditTrail t = open()) {
      Instant old = Instant.parse("2026-01-01T00:00:00Z");
      t.append(inContext("prod", "a", AuditOutcome.SUCCEEDED, "alice", "stop", "web-1", old));
      t.append(entry("b", AuditOutcome.SUCCEEDED, "alice", "login", null, old));
      t.append(inContext("staging", "c", AuditOutcome.SUCCEEDED, "alice", "stop", "web-1", Instant.now()));
      new AuditArchiver(t, signer, archive, Clock.systemUTC()).archive(Instant.parse("2026-06-01T00:00:00Z"), "ops",
          operator);
      t.checkpoint(signer).orElseThrow();
      VerifyReport report = verify(t);
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isEqualTo(4);
    }
  }

  @Test
  void exportsThroughTheCoreWritersNewestFirst() {
    try (AuditTrail t = open()) {
      Instant now = Instant.now();
      t.append(entry("a", AuditOutcome.SUCCEEDED, "alice", "stop", "=cmd", now));
      t.append(entry("b", AuditOutcome.SUCCEEDED, "bob", "start", "web", now));
      StringWriter csv = new StringWriter();
      t.export(AuditFilter.ALL, ExportFormat.CSV, csv);
      List<String> lines = csv.toString().lines().toList();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("seq,time,request_id");
      assertThat(lines.get(1)).startsWith("2,");
      assertThat(lines.get(2)).contains(",'=cmd,"); // formula injection neutralised
      StringWriter jsonl = new StringWriter();
      t.export(AuditFilter.ALL, ExportFormat.JSONL, jsonl, e -> "alice".equals(e.berthUser()));
      assertThat(jsonl.toString().lines().toList()).singleElement().asString().contains("\"seq\":1");
    }
  }

  @Test
  void aCheckpointSignsTheHeadAndChainsToThePreviousOne() {
    try (AuditTrail t = open()) {
      appendMany(t, 3, Instant.now());
      Checkpoint first = t.checkpoint(signer).orElseThrow();
      assertThat(first.seq()).isEqualTo(3);
      assertThat(first.headHash()).isEqualTo(t.head().hash());
      assertThat(first.prevSignatureHash()).isEqualTo(AuditRow.GENESIS);
      assertThat(CheckpointSigner.verifies(first, keys.getPublic())).isTrue();
      assertThat(t.checkpoint(signer)).as("head unchanged: nothing new to sign").isEmpty();
      appendMany(t, 2, Instant.now());
      Checkpoint second = t.checkpoint(signer).orElseThrow();
      assertThat(second.prevSignatureHash()).isEqualTo(first.signatureHash());
      assertThat(t.checkpoints()).containsExactly(first, second);
      VerifyReport report = verify(t);
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isEqualTo(5);
    }
  }

  @Test
  void deletingTheNewestRecordsAfterACheckpointIsNamedAsTruncation() throws Exception {
    try (AuditTrail t = open()) {
      appendMany(t, 12, Instant.now());
      t.checkpoint(signer).orElseThrow();
    }
    deleteNewest(5);
    try (AuditTrail t = open()) {
      VerifyReport report = verify(t);
      assertThat(report.ok()).isFalse();
      assertThat(report.problems()).anySatisfy(p -> assertThat(p).isEqualTo(
          "checkpoint at seq 12 covers records up to 12 but the trail ends at 7: 5 records deleted from the end"));
    }
  }

  @Test
  void aReChainedTailFailsOnTheCheckpoint() throws Exception {
    try (AuditTrail t = open()) {
      appendMany(t, 6, Instant.now());
      t.checkpoint(signer).orElseThrow();
    }
    // edit record 4 and recompute every hash from there with the public algorithm: the chain is consistent again
    rewriteRows(rows -> {
      List<AuditRow> out = new ArrayList<>();
      String prev = AuditRow.GENESIS;
      for (AuditRow r : rows) {
        AuditRow changed = r.seq() == 4
            ? new AuditRow(r.seq(), r.requestId(), r.timeMs(), r.outcome(), "mallory", r.source(), r.platformUserId(),
                r.displayName(), r.location(), r.commandText(), r.action(), r.target(), r.message(), r.durationMs(),
                r.context(), prev, null)
            : new AuditRow(r.seq(), r.requestId(), r.timeMs(), r.outcome(), r.berthUser(), r.source(),
                r.platformUserId(), r.displayName(), r.location(), r.commandText(), r.action(), r.target(), r.message(),
                r.durationMs(), r.context(), prev, null);
        changed = changed.withHash(changed.computeHash());
        out.add(changed);
        prev = changed.hash();
      }
      return out;
    });
    try (AuditTrail t = open()) {
      assertThat(new AuditVerifier(t).verify().problems()).as("the chain alone cannot see it")
          .noneMatch(p -> p.contains("edited") || p.contains("prev_hash") || p.contains("missing"));
      VerifyReport report = verify(t);
      assertThat(report.problems()).containsExactly("checkpoint at seq 6: head hash does not match record 6"
          + " (the chain up to there was rewritten: re-chained tail)");
    }
  }

  @Test
  void aForgedCheckpointSignatureIsNamed() throws Exception {
    CheckpointSigner mallory = new CheckpointSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
    try (AuditTrail t = open()) {
      appendMany(t, 2, Instant.now());
      t.checkpoint(mallory).orElseThrow();
      assertThat(verify(t).problems()).anySatisfy(p -> assertThat(p).startsWith("checkpoint at seq 2: signature invalid"));
    }
  }

  @Test
  void theWitnessFileProvesTheTrailIncompleteAfterTheStoreIsReplacedByAnOlderCopy() throws Exception {
    Path witnessFile = dir.resolve("witness/checkpoints.jsonl");
    FileCheckpointWitness witness = new FileCheckpointWitness(witnessFile);
    Object older;
    try (AuditTrail t = open()) {
      appendMany(t, 7, Instant.now());
      witness.witness(t.checkpoint(signer).orElseThrow());
      older = copy();
      appendMany(t, 2, Instant.now());
      witness.witness(t.checkpoint(signer).orElseThrow());
    }
    replaceWith(older); // older rows AND older checkpoint table: consistent on its own
    try (AuditTrail t = open()) {
      assertThat(verify(t).problems()).as("the store alone looks fine").isEmpty();
      List<Checkpoint> witnessed = FileCheckpointWitness.read(witnessFile);
      assertThat(witnessed).hasSize(2);
      VerifyReport report = new AuditVerifier(t).withPublicKey(keys.getPublic()).withWitness("witness", witnessed).verify();
      assertThat(report.problems()).containsExactly("witness checkpoint at seq 9 covers records up to 9 but the trail"
          + " ends at 7: 2 records deleted from the end (records deleted, or the audit store replaced by an older copy)");
    }
  }

  @Test
  void archivingPrunesSealedRecordsAndVerifySpansTheArchive() throws Exception {
    Path archive = dir.resolve("archive");
    Instant old = Instant.parse("2026-01-01T00:00:00Z");
    Caller operator = new Caller(Source.CLI, "ops", "ops", Location.remote("host"));
    try (AuditTrail t = open()) {
      appendMany(t, 10, old);
      t.checkpoint(signer).orElseThrow(); // a checkpoint inside the range to be archived
      appendMany(t, 3, Instant.now());
      AuditArchiver.Archived done = new AuditArchiver(t, signer, archive, Clock.systemUTC())
          .archive(Instant.parse("2026-06-01T00:00:00Z"), "ops", operator);
      assertThat(done.records()).isEqualTo(10);
      assertThat(done.segment()).exists().hasFileName("audit-000000000001-000000000010.jsonl.gz");
      List<Long> live = new ArrayList<>();
      t.replay(1, Long.MAX_VALUE, r -> live.add(r.seq()));
      assertThat(live).containsExactly(11L, 12L, 13L, 14L);
      AuditRecord note = t.query(AuditFilter.ALL, 1).get(0);
      assertThat(note.entry().commandText()).startsWith("audit archive --before");
      assertThat(note.entry().message()).contains("seq 1..10").contains(done.range().segmentSha256());
      t.checkpoint(signer).orElseThrow();
      VerifyReport report = verify(t);
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isEqualTo(14);
      assertThatThrownBy(() -> new AuditArchiver(t, signer, archive, Clock.systemUTC())
          .archive(Instant.parse("2026-06-01T00:00:00Z"), "ops", operator))
          .hasMessageContaining("nothing to archive");
    }
    // the segment is evidence: losing it or changing it is named
    Path segment = archive.resolve("audit-000000000001-000000000010.jsonl.gz");
    byte[] sealed = Files.readAllBytes(segment);
    Files.delete(segment);
    try (AuditTrail t = open()) {
      assertThat(verify(t).problems()).anySatisfy(p -> assertThat(p).startsWith(
          "seq 1..10 were archived to audit-000000000001-000000000010.jsonl.gz, which is not in"));
    }
    sealed[sealed.length / 2] ^= 1;
    Files.write(segment, sealed);
    try (AuditTrail t = open()) {
      assertThat(verify(t).problems()).anySatisfy(p -> assertThat(p).contains("changed since it was archived"));
    }
  }

  @Test
  void afterEverythingWasArchivedTheNextRecordContinuesTheChain() throws Exception {
    Path archive = dir.resolve("archive");
    Caller operator = new Caller(Source.CLI, "ops", "ops", Location.remote("host"));
    try (AuditTrail t = open()) {
      appendMany(t, 4, Instant.parse("2026-01-01T00:00:00Z"));
      AuditArchiver.Archived done = new AuditArchiver(t, signer, archive, Clock.systemUTC())
          .archive(Instant.parse("2026-06-01T00:00:00Z"), "ops", operator);
      assertThat(t.head().seq()).isEqualTo(5); // the archive record itself
      assertThat(t.query(AuditFilter.ALL, 10)).singleElement()
          .satisfies(r -> assertThat(r.prevHash()).isEqualTo(done.range().lastHash()));
      assertThat(verify(t).problems()).isEmpty();
    }
  }
}
