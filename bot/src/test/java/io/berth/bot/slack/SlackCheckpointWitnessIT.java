package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditVerifier;
import io.berth.core.audit.Checkpoint;
import io.berth.core.audit.CheckpointSigner;
import io.berth.core.audit.CheckpointingAuditTrail;
import io.berth.core.audit.FileCheckpointWitness;
import io.berth.core.audit.VerifyReport;
import io.berth.core.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * audit.witness.chat with platform slack: each checkpoint is posted through the real Bolt client
 * (to the Web API stand-in); the line it carries, pasted into a file, is a witness file that
 * verify accepts (what a witness file proves is AuditLogContract's).
 */
class SlackCheckpointWitnessIT {
  static final String WITNESS = "CWITNESS01";
  static final Pattern LINE = Pattern.compile("\\{\"format\":\"berth-checkpoint-v1\"[^\\n`]*?\\}");
  static SlackFixture berth;

  @BeforeAll
  static void start() throws Exception {
    berth = new SlackFixture(engine -> engine, "http", List.of());
  }

  @AfterAll
  static void stop() {
    if (berth != null) berth.close();
  }

  @Test
  void aPostedCheckpointPastedIntoAFileIsAWitnessVerifyUses() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    CheckpointingAuditTrail trail = new CheckpointingAuditTrail(berth.audit, new CheckpointSigner(keys.getPrivate()),
        List.of(), new CheckpointingAuditTrail.Cadence(1000, Duration.ofHours(1)));
    trail.addWitness(berth.adapter.checkpointWitness(WITNESS));
    for (int i = 0; i < 3; i++) {
      trail.append(new AuditEntry("w" + i, Instant.now(), AuditOutcome.SUCCEEDED, "ada", Source.SLACK, "UADMIN", "Ada",
          "T1/C1", "ps", "ps", null, "listed", 3L));
    }
    Checkpoint c = trail.checkpointNow().orElseThrow();

    SlackStandIn.Call posted = berth.slack.await(call -> call.method().equals("chat.postMessage")
        && WITNESS.equals(call.params().get("channel")), Duration.ofSeconds(30));
    StringBuilder texts = new StringBuilder();
    for (var t : posted.blocks().findValues("text")) texts.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n');
    String shown = texts.toString();
    assertThat(shown).contains("seq " + c.seq(), c.headHash(), c.time().toString(), c.signature());
    Matcher line = LINE.matcher(shown);
    assertThat(line.find()).as(shown).isTrue();
    Path file = Files.createTempDirectory("berth-witness-it").resolve("witness.jsonl");
    Files.writeString(file, line.group() + "\n");
    List<Checkpoint> witnessed = FileCheckpointWitness.read(file);
    assertThat(witnessed).containsExactly(c);

    VerifyReport ok = new AuditVerifier(berth.audit).withPublicKey(keys.getPublic())
        .withWitness(file.toString(), witnessed).verify();
    assertThat(ok.problems()).isEmpty();
  }
}
