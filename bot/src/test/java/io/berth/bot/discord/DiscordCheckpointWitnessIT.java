package io.berth.bot.discord;

import static io.berth.bot.discord.DiscordStandIn.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditVerifier;
import io.berth.core.audit.Checkpoint;
import io.berth.core.audit.CheckpointSigner;
import io.berth.core.audit.CheckpointingAuditTrail;
import io.berth.core.audit.FileCheckpointWitness;
import io.berth.core.config.ConfigLoader;
import io.berth.bot.discord.DiscordSettings;
import io.berth.core.config.Secret;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * audit.witness.chat with platform discord: each checkpoint is sent through the real JDA client
 * (to the stand-in); the line it carries, pasted into a file, is a witness file verify accepts.
 */
class DiscordCheckpointWitnessIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Pattern LINE = Pattern.compile("\\{\"format\":\"berth-checkpoint-v1\"[^\\n`]*?\\}");
  static DiscordStandIn discord;
  static InMemoryAuditTrail store;
  static DiscordBot bot;

  @BeforeAll
  static void startBot() throws Exception {
    discord = new DiscordStandIn();
    store = new InMemoryAuditTrail();
    CommandService service = new CommandService(new PicocliCommandLanguage(),
        new ConfiguredPolicy(ConfigLoader.parse("policy: {}", Map.of()).policy()), store,
        new RecordingContainerEngine(), CoreLimits.DEFAULTS, Clock.systemUTC());
    bot = new DiscordBot(service, new DiscordSettings(true, Secret.ofValue("stand-in-token"), "!docker", null, null,
        List.of()), Map.of("DISCORD_API_URL", discord.apiUrl(), "DISCORD_GATEWAY_URL", discord.gatewayUrl()),
        Clock.systemUTC());
    bot.start();
    assertThat(bot.awaitReady(WAIT)).isTrue();
  }

  @AfterAll
  static void stopBot() throws Exception {
    if (bot != null) bot.close();
    if (discord != null) discord.close();
  }

  @Test
  void aPostedCheckpointPastedIntoAFileIsAWitnessVerifyUses() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    CheckpointingAuditTrail trail = new CheckpointingAuditTrail(store, new CheckpointSigner(keys.getPrivate()),
        List.of(), new CheckpointingAuditTrail.Cadence(1000, Duration.ofHours(1)));
    trail.addWitness(bot.checkpointWitness(discord.alertChannelId));
    trail.append(new AuditEntry("w1", Instant.now(), AuditOutcome.SUCCEEDED, "ada", Source.of("discord"), "1", "Ada",
        "g/c", "ps", "ps", null, "listed", 3L));
    Checkpoint c = trail.checkpointNow().orElseThrow();

    String shown = await(discord::alertsPosted, l -> !l.isEmpty(), WAIT, "the checkpoint in the witness channel")
        .get(0).payload().path("content").asText();
    assertThat(shown).contains("seq " + c.seq(), c.headHash(), c.time().toString(), c.signature());
    Matcher line = LINE.matcher(shown);
    assertThat(line.find()).as(shown).isTrue();
    Path file = Files.createTempDirectory("berth-witness-it").resolve("witness.jsonl");
    Files.writeString(file, line.group() + "\n");
    assertThat(FileCheckpointWitness.read(file)).containsExactly(c);
    assertThat(new AuditVerifier(store).withPublicKey(keys.getPublic())
        .withWitness(file.toString(), FileCheckpointWitness.read(file)).verify().problems()).isEmpty();
  }
}
