package io.berth.bot.discord;

import static io.berth.bot.discord.DiscordStandIn.await;
import static io.berth.bot.discord.DiscordStandIn.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.config.DiscordSettings;
import io.berth.core.config.NotifySettings;
import io.berth.core.config.Secret;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real JDA client against a local stand-in for Discord (gateway WebSocket + REST), with a real
 * CommandService behind it.
 */
class DiscordBotIT {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String ALICE = "100000000000001001"; // admin
  static final String VICTOR = "100000000000001002"; // viewer
  static final String MALLORY = "100000000000009999"; // unknown to Berth

  static WarningRecorder warnings;
  static DiscordStandIn discord;
  static InMemoryEngine engine;
  static StandInPorts.Audit audit;
  static DiscordBot bot;
  static String prefix;

  @BeforeAll
  static void startBot() throws Exception {
    warnings = WarningRecorder.install();
    discord = new DiscordStandIn();
    engine = new InMemoryEngine();
    audit = new StandInPorts.Audit();
    prefix = "bdisc-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    CommandService service = new CommandService(new StandInPorts.Language(),
        new StandInPorts.Policy(Map.of(ALICE, new BerthUser("alice", "admin"), VICTOR, new BerthUser("victor", "viewer"))),
        audit, engine, CoreLimits.DEFAULTS, Clock.systemUTC());
    DiscordSettings settings = new DiscordSettings(true, Secret.ofValue("stand-in-token"), "!docker", null, null,
        List.of(discord.channelId));
    // URLs through the environment, as an operator would set them.
    bot = new DiscordBot(service, settings, NotifySettings.DEFAULTS,
        Map.of("DISCORD_API_URL", discord.apiUrl(), "DISCORD_GATEWAY_URL", discord.gatewayUrl()), Clock.systemUTC());
    bot.start();
    assertThat(bot.awaitReady(WAIT)).as("JDA ready; warnings: %s", warnings.warnings).isTrue();
    await(() -> discord.calls("PUT", "/api/v10/applications/" + discord.applicationId + "/commands"), l -> !l.isEmpty(),
        WAIT, "slash command registration");
  }

  @AfterAll
  static void stopBot() throws Exception {
    if (bot != null) bot.close();
    if (discord != null) discord.close();
    if (warnings != null) warnings.uninstall();
  }

  @AfterEach
  void noWarningsLogged() {
    List<String> seen = List.copyOf(warnings.warnings);
    warnings.warnings.clear();
    assertThat(seen).as("WARN/ERROR logs").isEmpty();
  }

  @Test
  void slashCommandIsRegisteredWithSubcommandsAndContainerAutocomplete() {
    JsonNode commands = discord.calls("PUT", "/api/v10/applications/\\d+/commands").get(0).payload();
    JsonNode docker = commands.get(0);
    assertThat(docker.path("name").asText()).isEqualTo("docker");
    List<String> subs = docker.path("options").findValuesAsText("name");
    assertThat(subs).contains("ps", "logs", "start", "stop", "restart", "rm", "inspect", "stats", "images", "run",
        "exec", "pull", "help", "cmd");
    JsonNode logs = findOption(docker.path("options"), "logs");
    assertThat(findOption(logs.path("options"), "container").path("autocomplete").asBoolean()).isTrue();
  }

  @Test
  void messageDockerPsAnswersWithTheContainers() {
    ContainerSummary web = engine.add(prefix + "web", "running", List.of());
    int before = discord.messagesPosted().size();

    discord.sendUserMessage(ALICE, "alice", "!docker ps");

    var posted = await(discord::messagesPosted, l -> l.size() > before, WAIT, "reply to !docker ps");
    JsonNode reply = posted.get(before).payload();
    assertThat(reply.path("content").asText()).contains(web.name()).contains(web.shortId()).startsWith("```");
    assertThat(reply.path("allowed_mentions").path("parse")).isEmpty();
  }

  @Test
  void messagesWithoutThePrefixAreIgnored() throws Exception {
    discord.sendUserMessage(ALICE, "alice", "!dockerfile ps");
    discord.sendUserMessage(ALICE, "alice", "hello docker ps");
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker help");
    await(discord::messagesPosted, l -> l.size() > before, WAIT, "reply to help");
    assertThat(discord.messagesPosted()).hasSize(before + 1);
    assertThat(discord.messagesPosted().get(before).payload().path("content").asText()).contains("usage");
  }

  @Test
  void slashCommandIsDeferredThenFollowedUp() {
    ContainerSummary api = engine.add(prefix + "api", "exited", List.of());
    long sent = System.nanoTime();

    String id = discord.sendSlashCommand(ALICE, "alice", "ps", List.of(obj("name", "all", "type", 5, "value", true)));

    var callbacks = await(() -> discord.calls("POST", "/api/v10/interactions/" + id + "/.*/callback"), l -> !l.isEmpty(),
        Duration.ofSeconds(3), "deferral within 3 s");
    long ackMillis = (System.nanoTime() - sent) / 1_000_000;
    assertThat(ackMillis).isLessThan(3000);
    assertThat(callbacks.get(0).payload().path("type").asInt()).as("DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE").isEqualTo(5);
    var followUps = await(() -> discord.followUps(id), l -> !l.isEmpty(), WAIT, "follow-up");
    assertThat(followUps.get(0).payload().path("content").asText()).contains(api.name());
    assertThat(discord.restCalls.indexOf(callbacks.get(0))).isLessThan(discord.restCalls.indexOf(followUps.get(0)));
  }

  @Test
  void confirmButtonRemovesTheContainer() {
    ContainerSummary old = engine.add(prefix + "old", "exited", List.of());
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker rm " + old.name());
    JsonNode prompt = await(discord::messagesPosted, l -> l.size() > before, WAIT, "confirmation prompt").get(before).payload();
    assertThat(prompt.path("content").asText()).contains("Remove container " + old.name());
    List<String> ids = prompt.path("components").findValuesAsText("custom_id");
    String confirm = ids.stream().filter(s -> s.startsWith("berth:confirm:")).findFirst().orElseThrow();
    assertThat(ids).anyMatch(s -> s.startsWith("berth:cancel:"));
    assertThat(ids).allMatch(s -> s.length() <= 100);
    assertThat(engine.exists(old.name())).as("nothing removed before the button").isTrue();

    String press = discord.pressButton(ALICE, "alice", confirm, discord.snowflake());

    var followUps = await(() -> discord.followUps(press), l -> !l.isEmpty(), WAIT, "result of the confirmation");
    assertThat(engine.exists(old.name())).isFalse();
    assertThat(discord.calls("POST", "/api/v10/interactions/" + press + "/.*/callback").get(0).payload().path("type").asInt())
        .as("DEFERRED_UPDATE_MESSAGE").isEqualTo(6);
    assertThat(followUps.get(0).payload().path("content").asText()).contains(old.name());
    assertThat(audit.entries).anyMatch(e -> e.outcome() == AuditOutcome.SUCCEEDED && e.action().equals("rm")
        && e.commandText().contains(old.name()) && e.target().equals(old.id()) && e.source() == Source.DISCORD);

    // Single use: a second press is refused by the core, the container stays gone.
    String again = discord.pressButton(ALICE, "alice", confirm, discord.snowflake());
    var refused = await(() -> discord.followUps(again), l -> !l.isEmpty(), WAIT, "refusal of a reused button");
    assertThat(refused.get(0).payload().path("content").asText()).contains("already used");
    assertThat(refused.get(0).payload().path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
  }

  @Test
  void viewerCannotConfirmSomeoneElsesRemoval() {
    ContainerSummary keep = engine.add(prefix + "keep", "exited", List.of());
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker rm " + keep.name());
    JsonNode prompt = await(discord::messagesPosted, l -> l.size() > before, WAIT, "prompt").get(before).payload();
    String confirm = prompt.path("components").findValuesAsText("custom_id").stream()
        .filter(s -> s.startsWith("berth:confirm:")).findFirst().orElseThrow();

    String press = discord.pressButton(VICTOR, "victor", confirm, discord.snowflake());

    var answer = await(() -> discord.followUps(press), l -> !l.isEmpty(), WAIT, "answer to the viewer");
    assertThat(answer.get(0).payload().path("content").asText()).contains("Only alice or an admin");
    assertThat(engine.exists(keep.name())).isTrue();
  }

  @Test
  void unknownUserIsDeniedAndAudited() {
    int before = discord.messagesPosted().size();

    discord.sendUserMessage(MALLORY, "mallory", "!docker ps");

    JsonNode reply = await(discord::messagesPosted, l -> l.size() > before, WAIT, "denial").get(before).payload();
    assertThat(reply.path("content").asText()).contains("Denied").contains(MALLORY);
    AuditEntry denied = audit.entries.stream().filter(e -> MALLORY.equals(e.platformUserId())).findFirst().orElseThrow();
    assertThat(denied.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(denied.source()).isEqualTo(Source.DISCORD);
    assertThat(denied.berthUser()).isNull();
    assertThat(denied.location()).isEqualTo(discord.guildId + "/" + discord.channelId);
    assertThat(denied.displayName()).isEqualTo("mallory");
  }

  @Test
  void tenThousandLineLogsStayWithinDiscordLimits() {
    List<String> lines = IntStream.rangeClosed(1, 10_000)
        .mapToObj(i -> String.format("2026-11-28T01:00:00Z line %05d of a rather chatty service, padding padding", i)).toList();
    ContainerSummary chatty = engine.add(prefix + "chatty", "running", lines);

    String id = discord.sendSlashCommand(ALICE, "alice", "logs", List.of(obj("name", "container", "type", 3, "value", chatty.name())));

    DiscordStandIn.RestCall followUp = await(() -> discord.followUps(id), l -> !l.isEmpty(), WAIT, "logs follow-up").get(0);
    assertThat(followUp.contentType()).startsWith("multipart/form-data");
    String content = followUp.payload().path("content").asText();
    assertThat(content.length()).isLessThanOrEqualTo(2000);
    assertThat(content).contains("line 10000").contains("10000 lines");
    var files = followUp.files();
    assertThat(files).hasSize(1);
    DiscordStandIn.Multipart.Part file = files.values().iterator().next();
    assertThat(file.fileName()).endsWith(".txt");
    assertThat(file.data().length).isLessThanOrEqualTo(OutcomeFormatter.MAX_ATTACHMENT_BYTES);
    assertThat(new String(file.data(), StandardCharsets.UTF_8).lines().count()).isEqualTo(10_000);
  }

  @Test
  void everyoneInALogLineNeutralised() {
    ContainerSummary loud = engine.add(prefix + "loud", "running",
        List.of("deploy done @everyone", "ping @here and <@123456789012345678> and <@&223456789012345678>"));
    int before = discord.messagesPosted().size();

    discord.sendUserMessage(ALICE, "alice", "!docker logs " + loud.name());

    JsonNode reply = await(discord::messagesPosted, l -> l.size() > before, WAIT, "logs reply").get(before).payload();
    String content = reply.path("content").asText();
    assertThat(content).contains("deploy done").doesNotContain("@everyone").doesNotContain("@here")
        .doesNotContain("<@123456789012345678>").doesNotContain("<@&223456789012345678>");
    assertThat(content).contains("@\u200Beveryone");
    assertThat(reply.path("allowed_mentions").isObject()).isTrue();
    assertThat(reply.path("allowed_mentions").path("parse")).isEmpty();
    assertThat(reply.path("allowed_mentions").path("users")).isEmpty();
    assertThat(reply.path("allowed_mentions").path("roles")).isEmpty();
  }

  @Test
  void autocompleteOffersOnlyContainersInScope() {
    ContainerSummary visible = engine.add(prefix + "seen", "running", List.of());
    engine.addOutOfScope(prefix + "hidden");

    String id = discord.sendAutocomplete(ALICE, "alice", "logs", prefix);

    var callback = await(() -> discord.calls("POST", "/api/v10/interactions/" + id + "/.*/callback"), l -> !l.isEmpty(),
        WAIT, "autocomplete answer").get(0).payload();
    assertThat(callback.path("type").asInt()).isEqualTo(8);
    List<String> values = callback.path("data").path("choices").findValuesAsText("value");
    assertThat(values).contains(visible.name()).doesNotContain(prefix + "hidden");
  }

  @Test
  void diedContainerIsAnnouncedOnceWithButtons() {
    ContainerSummary crashy = engine.add(prefix + "crashy", "exited", List.of("panic: out of cheese"));
    int before = discord.messagesPosted().size();
    ContainerEvent die = new ContainerEvent(Instant.now(), crashy.id(), crashy.name(), "die", 2, Map.of());

    engine.emit(die);
    JsonNode alert = await(discord::messagesPosted, l -> l.size() > before, WAIT, "alert").get(before).payload();
    engine.emit(new ContainerEvent(Instant.now(), crashy.id(), crashy.name(), "die", 2, Map.of()));
    int after = before + 1;
    // A later, unrelated reply proves the duplicate was dropped rather than still on its way.
    discord.sendUserMessage(ALICE, "alice", "!docker help");
    await(discord::messagesPosted, l -> l.size() > after, WAIT, "help reply");

    assertThat(alert.path("content").asText()).contains(crashy.name()).contains("exit code 2");
    assertThat(alert.path("components").findValuesAsText("custom_id"))
        .containsExactly(ButtonIds.logs(crashy.id()), ButtonIds.restart(crashy.id()));
    assertThat(discord.messagesPosted().subList(after, discord.messagesPosted().size()))
        .noneMatch(c -> c.payload().path("content").asText().contains("crashy"));
  }

  @Test
  void gatewayCloseLeadsToResumeAndCommandsWorkAgain() {
    int connections = discord.connections.get();

    discord.closeConnection(4000);

    await(() -> discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == 6).toList(), l -> !l.isEmpty(),
        Duration.ofSeconds(15), "RESUME after close 4000");
    JsonNode resume = discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == 6).findFirst().orElseThrow();
    assertThat(resume.path("d").path("session_id").asText()).isEqualTo(discord.sessionId);
    assertThat(discord.connections.get()).isGreaterThan(connections);
    // JDA reports a 4000 close at ERROR; here it is the point of the test.
    assertThat(warnings.warnings.removeIf(w -> w.contains("4000: stand-in closed the connection"))).isTrue();
    assertCommandsWork("after close 4000");

    long resumesBefore = discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == 6).count();
    discord.requestReconnect();
    await(() -> discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == 6).count(), n -> n > resumesBefore,
        Duration.ofSeconds(15), "RESUME after op 7");
    assertCommandsWork("after op 7");
  }

  private void assertCommandsWork(String when) {
    ContainerSummary c = engine.add(prefix + "after-" + discord.connections.get(), "running", List.of());
    int before = discord.messagesPosted().size();
    await(() -> bot.status(), s -> s.equals("CONNECTED"), Duration.ofSeconds(15), "CONNECTED " + when);
    discord.sendUserMessage(ALICE, "alice", "!docker ps");
    JsonNode reply = await(discord::messagesPosted, l -> l.size() > before, WAIT, "ps " + when).get(before).payload();
    assertThat(reply.path("content").asText()).contains(c.name());
  }

  private static JsonNode findOption(JsonNode options, String name) {
    for (JsonNode o : options) if (o.path("name").asText().equals(name)) return o;
    throw new AssertionError("no option " + name + " in " + options);
  }
}
