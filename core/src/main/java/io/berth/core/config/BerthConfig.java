package io.berth.core.config;

import io.berth.core.service.CoreLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration, as loaded from {@code config/berth.yml} and the environment. The YAML
 * section {@code notify} is the component {@code notifications} ({@code notify()} is taken by Object).
 * {@code sections} holds what the modules outside core bound from their own top-level sections (a
 * chat platform's settings), in registration order; read one with {@link #section}.
 */
public record BerthConfig(
    ServerSettings server,
    DataSettings data,
    EngineSettings engine,
    BuildSettings build,
    PolicySettings policy,
    WebSettings web,
    NotifySettings notifications,
    AuditSettings audit,
    Map<SettingsSection<?>, Object> sections) {

  public BerthConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(web, "web");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(audit, "audit");
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  /** Every default of the core's sections, as a fresh clone runs; secrets unresolved (use {@link ConfigLoader} for the env). */
  public static BerthConfig defaults() {
    return new BerthConfig(ServerSettings.DEFAULTS, DataSettings.DEFAULTS, EngineSettings.DEFAULTS,
        BuildSettings.DEFAULTS, PolicySettings.DEFAULTS, WebSettings.DEFAULTS, NotifySettings.DEFAULTS,
        AuditSettings.DEFAULTS, Map.of());
  }

  /** What {@code section}'s owner bound (its defaults when the file has no such section). */
  @SuppressWarnings("unchecked") // the loader stored exactly what this section's bind returned
  public <S> S section(SettingsSection<S> section) {
    if (!sections.containsKey(section)) {
      throw new IllegalStateException("the configuration was loaded without its \"" + section.key() + "\" section");
    }
    return (S) sections.get(section);
  }

  /** The core's bounds, taken from the engine, build and confirm settings. */
  public CoreLimits coreLimits() {
    return new CoreLimits(engine.runTimeout(), engine.execTimeout(), engine.maxOutputBytes(), engine.maxLogLines(),
        build.roots(), policy.confirm().ttl(), policy.run().fileRoots());
  }
}
