package io.berth.core.config;

import io.berth.core.service.CoreLimits;
import java.util.Objects;

/**
 * The whole configuration, as loaded from {@code config/berth.yml} and the environment. The YAML
 * section {@code notify} is the component {@code notifications} ({@code notify()} is taken by Object).
 */
public record BerthConfig(
    ServerSettings server,
    DataSettings data,
    EngineSettings engine,
    BuildSettings build,
    PolicySettings policy,
    WebSettings web,
    SlackSettings slack,
    DiscordSettings discord,
    NotifySettings notifications,
    AuditSettings audit) {

  public BerthConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(web, "web");
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(discord, "discord");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(audit, "audit");
  }

  /** Every default, as a fresh clone runs; secrets unresolved (use {@link ConfigLoader} for the env). */
  public static BerthConfig defaults() {
    return new BerthConfig(ServerSettings.DEFAULTS, DataSettings.DEFAULTS, EngineSettings.DEFAULTS,
        BuildSettings.DEFAULTS, PolicySettings.DEFAULTS, WebSettings.DEFAULTS, SlackSettings.DEFAULTS,
        DiscordSettings.DEFAULTS, NotifySettings.DEFAULTS, AuditSettings.DEFAULTS);
  }

  /** The core's bounds, taken from the engine, build and confirm settings. */
  public CoreLimits coreLimits() {
    return new CoreLimits(engine.runTimeout(), engine.execTimeout(), engine.maxOutputBytes(), engine.maxLogLines(),
        build.roots(), policy.confirm().ttl(), policy.run().fileRoots());
  }
}
