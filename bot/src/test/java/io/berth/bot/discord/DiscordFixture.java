package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.PolicySettings;
import io.berth.core.config.Secret;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.policy.WebAccounts;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The set-up Discord ITs share: the stand-in (arranged before the bot connects), the real core on
 * the local engine with a throw-away SQLite trail and the policy written as YAML, group memberships,
 * and the real JDA client connected and ready — watching approvals when the policy has rules, as
 * the launcher does. Closing it closes all of it.
 */
final class DiscordFixture implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);

  DiscordStandIn discord;
  DockerJavaEngine engine;
  SqliteAuditTrail audit;
  GroupMemberships memberships;
  DiscordBot bot;
  private Path dataDir;

  private DiscordFixture() {}

  /**
   * @param arrange what the stand-in knows before the bot connects (roles, members)
   * @param policyYaml the {@code policy:} section, given the stand-in's guild and channel ids
   */
  static DiscordFixture start(String name, Consumer<DiscordStandIn> arrange, Function<DiscordStandIn, String> policyYaml)
      throws Exception {
    DiscordFixture fx = new DiscordFixture();
    try {
      fx.discord = new DiscordStandIn();
      arrange.accept(fx.discord);
      fx.engine = new DockerJavaEngine("local", null);
      fx.dataDir = Files.createTempDirectory("berth-" + name + "-it");
      fx.audit = SqliteAuditTrail.open(fx.dataDir.resolve("audit.db"));
      PolicySettings policy = ConfigLoader.parse(policyYaml.apply(fx.discord), Map.of()).policy();
      fx.memberships = new GroupMemberships(policy.groups());
      CommandService service = new CommandService(new PicocliCommandLanguage(),
          new ConfiguredPolicy(policy, new WebAccounts(policy), fx.memberships), fx.audit, fx.engine, CoreLimits.DEFAULTS,
          Clock.systemUTC());
      fx.bot = new DiscordBot(service, new DiscordSettings(true, Secret.ofValue("stand-in-token"), "!docker", null, null,
          List.of()), Map.of("DISCORD_API_URL", fx.discord.apiUrl(), "DISCORD_GATEWAY_URL", fx.discord.gatewayUrl()),
          Clock.systemUTC(), fx.memberships);
      if (!policy.approvals().rules().isEmpty()) fx.bot.watchApprovals(policy.approvals().channelsOf("discord"));
      fx.bot.start();
      assertThat(fx.bot.awaitReady(WAIT)).isTrue();
      return fx;
    } catch (Exception | Error e) {
      fx.close();
      throw e;
    }
  }

  /** The outcomes recorded under one request id, in trail order. */
  List<AuditOutcome> outcomes(String requestId) {
    return audit.query(AuditFilter.ALL, 1000).stream().sorted(Comparator.comparingLong(AuditRecord::seq))
        .map(AuditRecord::entry).filter(e -> e.requestId().equals(requestId)).map(AuditEntry::outcome).toList();
  }

  @Override
  public void close() throws Exception {
    if (bot != null) bot.close();
    if (discord != null) discord.close();
    if (engine != null) engine.close();
    if (audit != null) audit.close();
    if (dataDir != null) TempDirs.deleteRecursively(dataDir);
  }
}
