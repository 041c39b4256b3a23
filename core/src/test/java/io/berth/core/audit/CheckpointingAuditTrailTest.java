package io.berth.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.InMemoryAuditTrail;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When checkpoints are written: every N records, every interval while records arrive, at close; and witnessed. */
class CheckpointingAuditTrailTest {
  @TempDir Path dir;

  private final InMemoryAuditTrail store = new InMemoryAuditTrail();
  private final List<Checkpoint> witnessed = new CopyOnWriteArrayList<>();
  private final CheckpointWitness recording = new CheckpointWitness() {
    @Override
    public String describe() {
      return "recording";
    }

    @Override
    public void witness(Checkpoint c) {
      witnessed.add(c);
    }
  };

  private CheckpointSigner signer() throws Exception {
    return new CheckpointSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
  }

  private static void append(AuditTrail t, int n) {
    for (int i = 0; i < n; i++) {
      t.append(new AuditEntry("r" + i, Instant.now(), AuditOutcome.SUCCEEDED, "alice", io.berth.core.model.Source.CLI,
          "alice", "alice", "host", "ps", "ps", "", null, 1L));
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
  }

  @Test
  void everyNRecordsACheckpointIsWrittenAndWitnessed() throws Exception {
    try (var t = new CheckpointingAuditTrail(store, signer(), List.of(recording),
        new CheckpointingAuditTrail.Cadence(3, Duration.ofHours(1)))) {
      append(t, 2);
      Thread.sleep(200);
      assertThat(store.checkpoints()).as("not yet: 2 of 3").isEmpty();
      append(t, 1);
      await(() -> !store.checkpoints().isEmpty());
      assertThat(store.checkpoints()).extracting(Checkpoint::seq).containsExactly(3L);
      // the witness hears of a checkpoint after the store has it: wait for that, too
      await(() -> !witnessed.isEmpty());
      assertThat(witnessed).isEqualTo(store.checkpoints());
    }
  }

  @Test
  void theIntervalCheckpointsRecordsThatArrivedAndCloseWritesTheLastOne() throws Exception {
    var t = new CheckpointingAuditTrail(store, signer(), List.of(recording),
        new CheckpointingAuditTrail.Cadence(1000, Duration.ofMillis(100)));
    append(t, 1);
    await(() -> !store.checkpoints().isEmpty());
    assertThat(store.checkpoints()).extracting(Checkpoint::seq).containsExactly(1L);
    Thread.sleep(300);
    assertThat(store.checkpoints()).as("nothing new arrived: no new checkpoint").hasSize(1);
    append(t, 1);
    t.close();
    assertThat(store.checkpoints()).extracting(Checkpoint::seq).endsWith(2L);
    assertThat(witnessed).isEqualTo(store.checkpoints());
  }

  @Test
  void aFileWitnessGetsOneJsonLinePerCheckpoint() throws Exception {
    Path file = dir.resolve("w/checkpoints.jsonl");
    var t = new CheckpointingAuditTrail(store, signer(), List.of(new FileCheckpointWitness(file)),
        new CheckpointingAuditTrail.Cadence(2, Duration.ofHours(1)));
    append(t, 2);
    await(() -> store.checkpoints().size() == 1);
    append(t, 1);
    t.close();
    assertThat(FileCheckpointWitness.read(file)).isEqualTo(store.checkpoints()).hasSize(2);
  }

  @Test
  void aHeadBelowTheLastCheckpointIsNeverSigned() throws Exception {
    CheckpointSigner signer = signer();
    append(store, 5);
    store.checkpoint(signer).orElseThrow();
    store.tamper(rows -> rows.subList(0, 3));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.checkpoint(signer))
        .hasMessageContaining("refusing to sign a checkpoint at seq 3: the last checkpoint covers seq 5");
  }
}
