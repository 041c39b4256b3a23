package io.berth.bot.discord;

import static io.berth.bot.discord.DiscordStandIn.await;
import static io.berth.bot.discord.DiscordStandIn.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.config.NotifySettings;
import io.berth.core.notify.AlertDetector;
import io.berth.core.notify.AlertFeed;
import io.berth.core.config.Secret;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.config.BerthConfig;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.testing.EngineProxy;
import io.berth.core.testing.TempDirs;
import io.berth.core.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import io.berth.core.model.Source;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real JDA client against a local stand-in for Discord (gateway WebSocket + REST), with the
 * real core behind it: CommandService, picocli language, configured policy, SQLite audit trail
 * and the local Docker engine.
 */
class DiscordBotIT {
  static final Duration WAIT = Duration.ofSeconds(60); // a bound for waiting, generous: the machine may be loaded
  static final String ALICE = "100000000000001001"; // admin, scope: this run's "-in-" containers
  static final String VICTOR = "100000000000001002"; // viewer
  static final String MALLORY = "100000000000009999"; // unknown to Berth
  static final String BOB = "100000000000001003"; // admin without a scope

  static WarningRecorder warnings;
  static DiscordStandIn discord;
  static TestEngine docker;
  static EngineProxy engineProxy;
  static DockerJavaEngine engine;
  static SqliteAuditTrail audit;
  static DiscordBot bot;
  static AlertFeed alerts;
  static Path dataDir;

  @BeforeAll
  static void startBot() throws Exception {
    warnings = WarningRecorder.install();
    discord = new DiscordStandIn();
    docker = new TestEngine("discord");
    // Berth reaches dockerd through a proxy the test can cut, as a daemon restart would.
    engineProxy = new EngineProxy(Path.of("/var/run/docker.sock"));
    engine = new DockerJavaEngine("local", engineProxy.host());
    dataDir = Files.createTempDirectory("berth-discord-it");
    audit = SqliteAuditTrail.open(dataDir.resolve("audit.db"));
    String yaml = """
        policy:
          users:
            alice: { role: admin, identities: { discord: ["%s"] }, scope: { names: ["%s"] } }
            victor: { role: viewer, identities: { discord: ["%s"] }, scope: { names: ["%s"] } }
            bob: { role: admin, identities: { discord: ["%s"] } }
          channels:
            discord: { workspaces: ["%s"], channels: ["%s"] }
        """.formatted(ALICE, docker.name("in-*"), VICTOR, docker.name("in-*"), BOB, discord.guildId, discord.channelId);
    BerthConfig config = ConfigLoader.parse(yaml, Map.of());
    CommandService service = new CommandService(new PicocliCommandLanguage(), new ConfiguredPolicy(config.policy()),
        audit, engine, CoreLimits.DEFAULTS, Clock.systemUTC());
    DiscordSettings settings = new DiscordSettings(true, Secret.ofValue("stand-in-token"), "!docker", null, null,
        List.of(discord.alertChannelId));
    // URLs through the environment, as an operator would set them.
    bot = new DiscordBot(service, settings,
        Map.of("DISCORD_API_URL", discord.apiUrl(), "DISCORD_GATEWAY_URL", discord.gatewayUrl()), Clock.systemUTC());
    // The one shared alert feed, as the launcher wires it for every platform. Other builds'
    // containers die on this engine too; a high cap keeps their alerts from crowding out ours
    // (the per-minute cap itself is covered by core's AlertDetectorTest).
    alerts = new AlertFeed(engine, new AlertDetector(AlertDetector.kinds(NotifySettings.KNOWN_EVENTS),
        Duration.ofMinutes(5), 600, Clock.systemUTC()));
    alerts.addSink(bot.alertSink());
    alerts.start();
    bot.start();
    assertThat(bot.awaitReady(WAIT)).as("JDA ready; warnings: %s", warnings.warnings).isTrue();
    await(() -> discord.calls("PUT", "/api/v10/applications/" + discord.applicationId + "/commands"), l -> !l.isEmpty(),
        WAIT, "slash command registration");
  }

  @AfterAll
  static void stopBot() throws Exception {
    if (alerts != null) alerts.close();
    if (bot != null) bot.close();
    if (discord != null) discord.close();
    if (engine != null) engine.close();
    if (engineProxy != null) engineProxy.close();
    if (docker != null) docker.close();
    if (audit != null) audit.close();
    TempDirs.deleteRecursively(dataDir);
    if (warnings != null) warnings.uninstall();
  }

  @AfterEach
  void noWarningsLogged() {
    List<String> seen = List.copyOf(warnings.warnings);
    warnings.warnings.clear();
    assertThat(seen).as("WARN/ERROR logs").isEmpty();
  }

  /** A running busybox container in alice's scope. */
  static String running(String suffix) {
    String name = docker.name("in-" + suffix);
    docker.startOutsideBerth(name);
    return name;
  }

  /** A container in alice's scope that ran {@code script} and exited. */
  static String finished(String suffix, String script) {
    String name = docker.name("in-" + suffix);
    String id = docker.createOutsideBerth(name, "sh", "-c", script);
    docker.docker().startContainerCmd(id).exec();
    docker.docker().waitContainerCmd(id).start().awaitStatusCode(30, java.util.concurrent.TimeUnit.SECONDS);
    return name;
  }

  static boolean exists(String name) {
    return docker.containers().stream().anyMatch(c -> java.util.Arrays.asList(c.getNames()).contains("/" + name));
  }

  static List<AuditEntry> auditEntries() {
    return audit.query(AuditFilter.ALL, 500).stream().map(AuditRecord::entry).toList();
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
    String web = running("web");
    int before = discord.messagesPosted().size();

    discord.sendUserMessage(ALICE, "alice", "!docker ps");

    var posted = await(discord::messagesPosted, l -> l.size() > before, WAIT, "reply to !docker ps");
    JsonNode reply = posted.get(before).payload();
    assertThat(reply.path("content").asText()).contains("container(s)**\n```").contains(web).contains("CONTAINER ID");
    assertThat(reply.path("allowed_mentions").path("parse")).isEmpty();
    // The same quick actions per row as in Slack, within Discord's 5 rows of 5 buttons.
    assertThat(reply.path("components").findValuesAsText("custom_id"))
        .contains("berth:logs:" + web, "berth:restart:" + web).hasSizeLessThanOrEqualTo(25);
  }

  @Test
  void messagesWithoutThePrefixAreIgnored() {
    discord.sendUserMessage(ALICE, "alice", "!dockerfile ps");
    discord.sendUserMessage(ALICE, "alice", "hello docker ps");
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker help");
    await(discord::messagesPosted, l -> l.size() > before, WAIT, "reply to help");
    assertThat(discord.messagesPosted()).hasSize(before + 1);
    assertThat(discord.messagesPosted().get(before).payload().path("content").asText()).containsIgnoringCase("ps");
  }

  @Test
  void slashCommandIsDeferredThenFollowedUp() {
    String api = finished("api", "exit 0");
    long sent = System.nanoTime();

    String id = discord.sendSlashCommand(ALICE, "alice", "ps", List.of(obj("name", "all", "type", 5, "value", true)));

    var callbacks = await(() -> discord.calls("POST", "/api/v10/interactions/" + id + "/.*/callback"), l -> !l.isEmpty(),
        Duration.ofSeconds(3), "deferral within 3 s");
    long ackMillis = (System.nanoTime() - sent) / 1_000_000;
    System.out.println("deferral reached the stand-in " + ackMillis + " ms after INTERACTION_CREATE was sent");
    assertThat(ackMillis).isLessThan(3000);
    assertThat(callbacks.get(0).payload().path("type").asInt()).as("DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE").isEqualTo(5);
    var followUps = await(() -> discord.followUps(id), l -> !l.isEmpty(), WAIT, "follow-up");
    assertThat(followUps.get(0).payload().path("content").asText()).contains(api);
    assertThat(discord.restCalls.indexOf(callbacks.get(0))).isLessThan(discord.restCalls.indexOf(followUps.get(0)));
  }

  @Test
  void slashPullShowsProgressThenTheResult() {
    String image = docker.helloInRegistry("pull"); // not local, and no other test pulls or removes it
    String id = discord.sendSlashCommand(ALICE, "alice", "pull", List.of(obj("name", "image", "type", 3, "value", image)));

    var followUp = await(() -> discord.followUps(id), l -> !l.isEmpty(), Duration.ofSeconds(60), "pull result").get(0);
    var edits = discord.calls("PATCH", "/api/v10/webhooks/\\d+/" + java.util.regex.Pattern.quote(discord.interactionTokens.get(id))
        + "/messages/@original");
    assertThat(edits).isNotEmpty();
    assertThat(edits.get(0).payload().path("content").asText()).startsWith("⏳");
    assertThat(followUp.payload().path("content").asText()).contains(image);
    docker.removeImage(image);
  }

  @Test
  void confirmButtonRemovesTheContainer() {
    String old = finished("old", "exit 0");
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker rm " + old);
    JsonNode prompt = await(discord::messagesPosted, l -> l.size() > before, WAIT, "confirmation prompt").get(before).payload();
    assertThat(prompt.path("content").asText()).contains(old);
    List<String> ids = prompt.path("components").findValuesAsText("custom_id");
    String confirm = ids.stream().filter(s -> s.startsWith("berth:confirm:")).findFirst().orElseThrow();
    assertThat(ids).anyMatch(s -> s.startsWith("berth:cancel:"));
    assertThat(ids).allMatch(s -> s.length() <= 100);
    assertThat(exists(old)).as("nothing removed before the button").isTrue();

    String press = discord.pressButton(ALICE, "alice", confirm, discord.snowflake());

    var followUps = await(() -> discord.followUps(press), l -> !l.isEmpty(), WAIT, "result of the confirmation");
    assertThat(exists(old)).isFalse();
    assertThat(discord.calls("POST", "/api/v10/interactions/" + press + "/.*/callback").get(0).payload().path("type").asInt())
        .as("DEFERRED_UPDATE_MESSAGE").isEqualTo(6);
    assertThat(followUps.get(0).payload().path("content").asText()).contains(old);
    assertThat(auditEntries()).anyMatch(e -> e.outcome() == AuditOutcome.SUCCEEDED && e.action().equals("rm")
        && e.commandText().contains(old) && e.source() == Source.DISCORD && "alice".equals(e.berthUser()));
    // The prompt loses its buttons once used.
    await(() -> discord.calls("PATCH", "/api/v10/webhooks/\\d+/" + java.util.regex.Pattern.quote(discord.interactionTokens.get(press))
        + "/messages/@original"), l -> !l.isEmpty(), WAIT, "buttons cleared");

    // Single use: a second press is refused by the core, privately.
    String again = discord.pressButton(ALICE, "alice", confirm, discord.snowflake());
    var refused = await(() -> discord.followUps(again), l -> !l.isEmpty(), WAIT, "refusal of a reused button");
    assertThat(refused.get(0).payload().path("content").asText()).contains("already used");
    assertThat(refused.get(0).payload().path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
  }

  @Test
  void cancelButtonWithdrawsTheRemovalForEveryoneAndIsAudited() {
    String spared = finished("spared", "exit 0");
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker rm " + spared);
    JsonNode prompt = await(discord::messagesPosted, l -> l.size() > before, WAIT, "prompt").get(before).payload();
    String cancel = prompt.path("components").findValuesAsText("custom_id").stream()
        .filter(s -> s.startsWith("berth:cancel:")).findFirst().orElseThrow();

    String press = discord.pressButton(ALICE, "alice", cancel, discord.snowflake());

    JsonNode answer = await(() -> discord.followUps(press), l -> !l.isEmpty(), WAIT, "cancellation").get(0).payload();
    assertThat(answer.path("content").asText()).contains("Cancelled").contains("rm " + spared);
    assertThat(answer.path("flags").asInt() & 64).as("public: the prompt is withdrawn for everyone").isZero();
    await(() -> discord.calls("PATCH", "/api/v10/webhooks/\\d+/" + java.util.regex.Pattern.quote(discord.interactionTokens.get(press))
        + "/messages/@original"), l -> !l.isEmpty(), WAIT, "buttons cleared");
    assertThat(exists(spared)).isTrue();
    assertThat(auditEntries()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("cancel");
      assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
      assertThat(e.source().id()).isEqualTo("discord");
      assertThat(e.platformUserId()).isEqualTo(ALICE);
      assertThat(e.commandText()).isEqualTo("rm " + spared);
      assertThat(e.message()).isEqualTo("cancelled by alice");
      // linked: recorded under the id of the request it withdrew (one entry per command in the audit views)
      assertThat(e.requestId()).isIn(auditIdsOf("rm " + spared));
    });
    assertThat(auditEntries()).noneMatch(e -> e.action().equals("rm") && e.outcome() == AuditOutcome.SUCCEEDED
        && e.commandText().contains(spared));
  }

  @Test
  void viewerCannotConfirmSomeoneElsesRemoval() {
    String keep = finished("keep", "exit 0");
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker rm " + keep);
    JsonNode prompt = await(discord::messagesPosted, l -> l.size() > before, WAIT, "prompt").get(before).payload();
    String confirm = prompt.path("components").findValuesAsText("custom_id").stream()
        .filter(s -> s.startsWith("berth:confirm:")).findFirst().orElseThrow();

    String press = discord.pressButton(VICTOR, "victor", confirm, discord.snowflake());

    var answer = await(() -> discord.followUps(press), l -> !l.isEmpty(), WAIT, "answer to the viewer");
    assertThat(answer.get(0).payload().path("content").asText()).contains("Only alice, who asked for it, can confirm this");
    assertThat(exists(keep)).isTrue();
  }

  @Test
  void anotherAdminCannotConfirmAndTheTokenStaysWithTheRequester() {
    String out = docker.name("out-confirm");
    String id = docker.createOutsideBerth(out, "true");
    assertThat(id).isNotBlank();
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(BOB, "bob", "!docker rm " + out);
    JsonNode prompt = await(discord::messagesPosted, l -> l.size() > before, WAIT, "prompt").get(before).payload();
    String confirm = prompt.path("components").findValuesAsText("custom_id").stream()
        .filter(s -> s.startsWith("berth:confirm:")).findFirst().orElseThrow();

    String byAlice = discord.pressButton(ALICE, "alice", confirm, discord.snowflake());

    var refusal = await(() -> discord.followUps(byAlice), l -> !l.isEmpty(), WAIT, "answer to alice");
    assertThat(refusal.get(0).payload().path("content").asText()).contains("Only bob, who asked for it, can confirm this");
    assertThat(refusal.get(0).payload().path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
    assertThat(exists(out)).isTrue();

    String byBob = discord.pressButton(BOB, "bob", confirm, discord.snowflake());
    await(() -> discord.followUps(byBob), l -> !l.isEmpty(), WAIT, "result for bob");
    assertThat(exists(out)).isFalse();
  }

  @Test
  void anEnvSecretReachesNothingSentToDiscord() {
    String secret = "s3cr3t-" + java.util.UUID.randomUUID();
    String name = docker.name("in-secret");
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker run --rm -l berth.test=true -e PASSWORD=" + secret + " --name " + name
        + " " + TestEngine.BUSYBOX + " true");
    await(discord::messagesPosted, l -> l.size() > before, WAIT, "run answer");
    String slash = discord.sendSlashCommand(ALICE, "alice", "run", List.of(
        obj("name", "image", "type", 3, "value", TestEngine.BUSYBOX),
        obj("name", "options", "type", 3, "value", "--rm -l berth.test=true -e PASSWORD=" + secret + " --name " + name)));
    await(() -> discord.followUps(slash), l -> !l.isEmpty(), WAIT, "slash run answer");

    assertThat(discord.restCalls).allSatisfy(c -> assertThat(c.text()).doesNotContain(secret));
    assertThat(auditEntries()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(secret));
  }

  @Test
  void unknownUserIsDeniedAndAudited() {
    int before = discord.messagesPosted().size();

    discord.sendUserMessage(MALLORY, "mallory", "!docker ps");

    JsonNode reply = await(discord::messagesPosted, l -> l.size() > before, WAIT, "denial").get(before).payload();
    assertThat(reply.path("content").asText()).contains("Denied").contains(MALLORY);
    AuditEntry denied = auditEntries().stream().filter(e -> MALLORY.equals(e.platformUserId())).findFirst().orElseThrow();
    assertThat(denied.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(denied.source()).isEqualTo(Source.DISCORD);
    assertThat(denied.berthUser()).isNull();
    assertThat(denied.location()).isEqualTo(discord.guildId + "/" + discord.channelId);
    assertThat(denied.displayName()).isEqualTo("mallory");
  }

  @Test
  void tenThousandLineLogsStayWithinDiscordLimits() {
    String chatty = finished("chatty",
        "i=1; while [ $i -le 10000 ]; do echo \"line $i of a rather chatty service, padding padding padding\"; i=$((i+1)); done");

    String id = discord.sendSlashCommand(ALICE, "alice", "logs", List.of(obj("name", "container", "type", 3, "value", chatty)));

    DiscordStandIn.RestCall followUp = await(() -> discord.followUps(id), l -> !l.isEmpty(), WAIT, "logs follow-up").get(0);
    assertThat(followUp.contentType()).startsWith("multipart/form-data");
    String content = followUp.payload().path("content").asText();
    assertThat(content.length()).isLessThanOrEqualTo(2000);
    assertThat(content).contains("line 10000 of").contains("10000 lines");
    var files = followUp.files();
    assertThat(files).hasSize(1);
    DiscordStandIn.Multipart.Part file = files.values().iterator().next();
    assertThat(file.fileName()).endsWith(".txt");
    assertThat(file.data().length).isLessThanOrEqualTo(io.berth.bot.chat.OutputCut.MAX_ATTACHMENT_BYTES);
    List<String> fileLines = new String(file.data(), StandardCharsets.UTF_8).lines().toList();
    assertThat(fileLines).hasSize(10_000);
    assertThat(fileLines.get(0)).contains("line 1 of");
  }

  @Test
  void everyoneInALogLineIsNeutralised() {
    String loud = finished("loud",
        "echo 'deploy done @everyone'; echo 'ping @here and <@123456789012345678> and <@&223456789012345678>'");
    int before = discord.messagesPosted().size();

    discord.sendUserMessage(ALICE, "alice", "!docker logs " + loud);

    JsonNode reply = await(discord::messagesPosted, l -> l.size() > before, WAIT, "logs reply").get(before).payload();
    String content = reply.path("content").asText();
    assertThat(content).contains("deploy done").doesNotContain("@everyone").doesNotContain("@here")
        .doesNotContain("<@123456789012345678>").doesNotContain("<@&223456789012345678>");
    assertThat(content).contains("@\u200Beveryone").contains("<@\u200B&223456789012345678>");
    assertThat(reply.path("allowed_mentions").isObject()).isTrue();
    assertThat(reply.path("allowed_mentions").path("parse")).isEmpty();
    assertThat(reply.path("allowed_mentions").path("users")).isEmpty();
    assertThat(reply.path("allowed_mentions").path("roles")).isEmpty();
  }

  @Test
  void autocompleteOffersOnlyContainersInScope() {
    String visible = running("seen");
    String hidden = docker.name("out-hidden");
    docker.startOutsideBerth(hidden);

    String id = discord.sendAutocomplete(ALICE, "alice", "logs", docker.prefix());

    var callback = await(() -> discord.calls("POST", "/api/v10/interactions/" + id + "/.*/callback"), l -> !l.isEmpty(),
        WAIT, "autocomplete answer").get(0).payload();
    assertThat(callback.path("type").asInt()).isEqualTo(8);
    List<String> values = callback.path("data").path("choices").findValuesAsText("value");
    assertThat(values).contains(visible).doesNotContain(hidden);
  }

  @Test
  void crashedContainerIsAnnouncedOnceWithButtons() {
    String crashy = finished("crashy", "echo 'panic: out of cheese'; exit 3");
    JsonNode alert = await(discord::alertsPosted, l -> l.stream().anyMatch(c -> c.text().contains(crashy)), WAIT,
        "alert about " + crashy).stream().filter(c -> c.text().contains(crashy)).findFirst().orElseThrow().payload();
    assertThat(alert.path("content").asText()).contains(crashy).contains("exit code 3")
        .as("the container's last log lines, as on every platform").contains("panic: out of cheese");
    List<String> buttons = alert.path("components").findValuesAsText("custom_id");
    assertThat(buttons).hasSize(2);
    assertThat(buttons.get(0)).startsWith("berth:logs:");
    assertThat(buttons.get(1)).startsWith("berth:restart:");

    // Same container dies the same way again within the window: no second alert.
    String id = docker.containers().stream().filter(c -> java.util.Arrays.asList(c.getNames()).contains("/" + crashy))
        .findFirst().orElseThrow().getId();
    docker.docker().startContainerCmd(id).exec();
    docker.docker().waitContainerCmd(id).start().awaitStatusCode(30, java.util.concurrent.TimeUnit.SECONDS);
    String other = finished("crashy2", "exit 4"); // a later alert proves the duplicate is not merely late
    await(discord::alertsPosted, l -> l.stream().anyMatch(c -> c.text().contains(other)), WAIT, "alert about " + other);
    assertThat(discord.alertsPosted().stream().filter(c -> c.payload().path("content").asText().contains(crashy + "**")))
        .hasSize(1);

    // The Logs button goes through the core and shows the container's output.
    String press = discord.pressButton(ALICE, "alice", buttons.get(0), discord.snowflake());
    var logs = await(() -> discord.followUps(press), l -> !l.isEmpty(), WAIT, "logs from the alert button");
    assertThat(logs.get(0).payload().path("content").asText()).contains("out of cheese");
  }

  @Test
  void restartButtonHonoursPermissions() {
    String svc = docker.name("in-svc");
    // Exits promptly on SIGTERM, so a restart does not wait out docker's 10 s stop timeout.
    docker.startOutsideBerth(svc, "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done");
    String id = docker.containers().stream().filter(c -> java.util.Arrays.asList(c.getNames()).contains("/" + svc))
        .findFirst().orElseThrow().getId();
    String startedAt = docker.docker().inspectContainerCmd(id).exec().getState().getStartedAt();

    String byViewer = discord.pressButton(VICTOR, "victor", ButtonIds.restart(id), discord.snowflake());

    JsonNode refusal = await(() -> discord.followUps(byViewer), l -> !l.isEmpty(), WAIT, "viewer's restart").get(0).payload();
    assertThat(refusal.path("content").asText()).contains("Denied");
    assertThat(refusal.path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
    assertThat(docker.docker().inspectContainerCmd(id).exec().getState().getStartedAt()).isEqualTo(startedAt);
    assertThat(auditEntries()).anyMatch(e -> e.outcome() == AuditOutcome.DENIED && "victor".equals(e.berthUser())
        && e.action().equals("restart"));

    String byAdmin = discord.pressButton(ALICE, "alice", ButtonIds.restart(id), discord.snowflake());

    JsonNode done = await(() -> discord.followUps(byAdmin), l -> !l.isEmpty(), WAIT, "admin's restart").get(0).payload();
    assertThat(done.path("content").asText()).contains(svc);
    assertThat(done.path("flags").asInt() & 64).as("public").isZero();
    assertThat(docker.docker().inspectContainerCmd(id).exec().getState().getStartedAt()).isNotEqualTo(startedAt);
  }

  @Test
  void engineDroppingEveryConnectionKeepsCommandsAndAlertsWorking() {
    engineProxy.cutConnections(); // what a dockerd restart does to the bot's engine connections

    String after = running("post-cut");
    int before = discord.messagesPosted().size();
    discord.sendUserMessage(ALICE, "alice", "!docker ps");
    JsonNode reply = await(discord::messagesPosted, l -> l.size() > before, WAIT, "ps after the cut").get(before).payload();
    assertThat(reply.path("content").asText()).contains(after);

    String crash = finished("post-cut-crash", "exit 5");
    await(discord::alertsPosted, l -> l.stream().anyMatch(c -> c.text().contains(crash)), WAIT,
        "alert from the reopened event stream");
  }

  @Test
  void gatewayCloseLeadsToResumeAndCommandsWorkAgain() {
    long resumes = countOps(6);
    long identifies = countOps(2);

    discord.closeConnection(4000);

    await(() -> countOps(6), n -> n > resumes, WAIT, "RESUME after close 4000");
    JsonNode resume = lastOp(6);
    assertThat(resume.path("d").path("session_id").asText()).isEqualTo(discord.sessionId);
    assertThat(resume.path("d").path("seq").asLong()).isPositive();
    assertCommandsWork("after close 4000");
    assertThat(countOps(2)).as("resumed, not identified again").isEqualTo(identifies);
    // JDA reports a 4000 close at ERROR; here it is the point of the test.
    assertThat(warnings.warnings.removeIf(w -> w.contains("4000: stand-in closed the connection"))).isTrue();

    long resumesBefore = countOps(6);
    discord.requestReconnect();
    await(() -> countOps(6), n -> n > resumesBefore, WAIT, "RESUME after op 7");
    assertCommandsWork("after op 7");
  }

  @Test
  void lostSessionLeadsToAFreshIdentifyAndCommandsWorkAgain() {
    long identifies = countOps(2);
    discord.rejectNextResume.set(true);

    discord.closeConnection(4000);

    await(() -> countOps(2), n -> n > identifies, Duration.ofSeconds(60), "IDENTIFY after INVALID_SESSION");
    assertCommandsWork("after a fresh session");
    // Expected here: JDA logs the 4000 close at ERROR and the dropped session at WARN.
    assertThat(warnings.warnings.removeIf(w -> w.contains("4000: stand-in closed the connection"))).isTrue();
    warnings.warnings.removeIf(w -> w.contains("Got disconnected from WebSocket (Code 1000)"));
  }

  private static JsonNode lastOp(int op) {
    return discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == op).reduce((a, b) -> b).orElseThrow();
  }

  private static long countOps(int op) {
    return discord.gatewayReceived.stream().filter(m -> m.path("op").asInt() == op).count();
  }

  private void assertCommandsWork(String when) {
    String c = running("after-" + discord.connections.get());
    int before = discord.messagesPosted().size();
    await(() -> bot.status(), s -> s.equals("CONNECTED"), WAIT, "CONNECTED " + when);
    discord.sendUserMessage(ALICE, "alice", "!docker ps");
    JsonNode reply = await(discord::messagesPosted, l -> l.size() > before, WAIT, "ps " + when).get(before).payload();
    assertThat(reply.path("content").asText()).contains(c);
  }

  private static JsonNode findOption(JsonNode options, String name) {
    for (JsonNode o : options) if (o.path("name").asText().equals(name)) return o;
    throw new AssertionError("no option " + name + " in " + options);
  }

  /** Ids of the records that asked for {@code text} (the confirmation prompt), for linking a cancel to them. */
  private java.util.List<String> auditIdsOf(String text) {
    return auditEntries().stream().filter(e -> text.equals(e.commandText()) && !"cancel".equals(e.action()))
        .map(e -> e.requestId()).toList();
  }
}
