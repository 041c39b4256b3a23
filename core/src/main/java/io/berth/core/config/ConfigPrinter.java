package io.berth.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective configuration as YAML, secrets masked: what {@code ./berth config check} prints. */
public final class ConfigPrinter {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build();

  private ConfigPrinter() {}

  /** Paths only: a key file's content never reaches the printout. */
  private static Map<String, Object> endpoint(EngineSettings.Endpoint e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("host", e.host());
    e.tls().ifPresent(t -> m.put("tls", t.toString()));
    e.ssh().ifPresent(k -> m.put("ssh", map("identity", String.valueOf(k.identity()), "knownHosts", String.valueOf(k.knownHosts()), "socket", k.socket())));
    if (!e.labels().isEmpty()) m.put("labels", new java.util.TreeMap<>(e.labels()));
    return m;
  }

  public static String print(BerthConfig c) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("server", map("host", c.server().host(), "port", c.server().port()));
    root.put("data", map("dir", c.data().dir().toString()));
    root.put("engine", map(
        "endpoints", c.engine().endpoints().stream().map(ConfigPrinter::endpoint).toList(),
        "defaultContext", c.engine().defaultContext(),
        "channelContexts", c.engine().channelContexts().stream()
            .map(b -> map("platform", b.platform(), "channel", b.channel(), "context", b.context())).toList(),
        "runTimeout", d(c.engine().runTimeout()), "execTimeout", d(c.engine().execTimeout()),
        "maxOutputBytes", c.engine().maxOutputBytes(), "maxLogLines", c.engine().maxLogLines()));
    root.put("build", map("roots", c.build().roots().stream().map(Path::toString).toList()));
    PolicySettings p = c.policy();
    Map<String, Object> users = new LinkedHashMap<>();
    p.users().forEach((name, u) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("role", u.role());
      Map<String, Object> ids = new LinkedHashMap<>(u.identities());
      if (u.web() != null) ids.put("web", map("login", u.web().login(), "passwordHash", "(bcrypt hash)"));
      if (!ids.isEmpty()) m.put("identities", ids);
      if (!u.scope().unrestricted()) m.put("scope", scope(u.scope()));
      if (!u.contexts().isEmpty()) m.put("contexts", inContexts(u.contexts()));
      users.put(name, m);
    });
    root.put("policy", map(
        "roles", p.roles(),
        "users", users,
        "groups", p.groups().stream().map(ConfigPrinter::group).toList(),
        "channels", channels(p.channels()),
        "run", run(p.run()),
        "confirm", map("commands", p.confirm().commands(), "protectedLabel", p.confirm().protectedLabel(),
            "ttl", d(p.confirm().ttl()), "forOthers", p.confirm().forOthers())));
    root.put("web", map("enabled", c.web().enabled(), "sessionKey", masked(c.web().sessionKey()),
        "loginThrottle", map("maxFailures", c.web().loginThrottle().maxFailures(),
            "maxFailuresPerAddress", c.web().loginThrottle().maxFailuresPerAddress(),
            "backoff", d(c.web().loginThrottle().backoff()), "maxBackoff", d(c.web().loginThrottle().maxBackoff()),
            "window", d(c.web().loginThrottle().window())),
        "logLinesKept", c.web().logLinesKept(), "maxStreamsPerUser", c.web().maxStreamsPerUser(),
        "publicUrl", c.web().publicUrl() == null ? null : c.web().publicUrl().toString()));
    c.sections().forEach((section, settings) -> root.put(section.key(), printed(section, settings)));
    AuditSettings a = c.audit();
    root.put("audit", map("signingKeyFile", a.signingKeyFile(c.data()).toString(),
        "checkpoint", map("every", a.checkpointEvery(), "interval", d(a.checkpointInterval())),
        "witness", map("file", a.witnessFile() == null ? null : a.witnessFile().toString(), "chat",
            a.chatWitnesses().stream().map(w -> map("platform", w.platform(), "channel", w.channel())).toList()),
        "store", a.store().name().toLowerCase(java.util.Locale.ROOT),
        "postgres", map("url", a.postgres().url(), "user", a.postgres().user(), "password", masked(a.postgres().password()),
            "lockTimeout", d(a.postgres().lockTimeout()))));
    root.put("notify", map("events", c.notifications().events(), "dedupeWindow", d(c.notifications().dedupeWindow()),
        "maxPerMinute", c.notifications().maxPerMinute()));
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print configuration", e);
    }
  }

  @SuppressWarnings("unchecked") // BerthConfig keeps each section's own binding under it
  private static <S> Map<String, Object> printed(SettingsSection<S> section, Object settings) {
    return new LinkedHashMap<>(section.print((S) settings));
  }

  /**
   * The one way a secret is shown: {@code *** (env X)} or {@code (not set: env X or file Y)}, never
   * the value. Sections of other modules print theirs with it too.
   */
  public static String masked(Secret s) {
    return s.isPresent() ? "*** (" + s.describeSource().replace(" or ", ", ") + ")" : "(not set: " + s.describeSource() + ")";
  }

  private static String d(Duration d) {
    return DurationText.format(d);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1] instanceof List<?> l ? List.copyOf(l) : kv[i + 1]);
    return m;
  }

  private static Map<String, Object> channels(PolicySettings.Channels c) {
    Map<String, Object> m = new LinkedHashMap<>();
    c.byPlatform().forEach((platform, rule) -> m.put(platform,
        map("workspaces", rule.workspaces(), "channels", rule.channels())));
    return m;
  }

  private static Map<String, Object> scope(PolicySettings.Scope s) {
    return map("labels", s.labels(), "names", s.names());
  }

  private static Map<String, Object> group(PolicySettings.Group g) {
    Map<String, Object> m = map("platform", g.platform(), "group", g.group(), "role", g.role());
    if (!g.scope().unrestricted()) m.put("scope", scope(g.scope()));
    if (!g.contexts().isEmpty()) m.put("contexts", inContexts(g.contexts()));
    return m;
  }

  private static Map<String, Object> inContexts(Map<String, PolicySettings.InContext> contexts) {
    Map<String, Object> m = new LinkedHashMap<>();
    contexts.forEach((ctx, c) -> m.put(ctx, c.scope() == null ? c.role() : map("role", c.role(), "scope", scope(c.scope()))));
    return m;
  }

  /** The guards, and per context the guards as they hold there (every key, merged). */
  private static Map<String, Object> run(PolicySettings.RunGuards r) {
    Map<String, Object> m = map("allowPrivileged", r.allowPrivileged(), "allowBindMounts", r.allowBindMounts(),
        "allowHostNamespaces", r.allowHostNamespaces(), "allowCapabilities", r.allowCapabilities(),
        "allowDevices", r.allowDevices(), "allowContainerNamespaces", r.allowContainerNamespaces(),
        "allowRootUser", r.allowRootUser(), "images", r.images(),
        "fileRoots", r.fileRoots().stream().map(Object::toString).toList());
    if (!r.contexts().isEmpty()) {
      Map<String, Object> byContext = new LinkedHashMap<>();
      r.contexts().forEach((ctx, g) -> byContext.put(ctx, run(g)));
      m.put("contexts", byContext);
    }
    return m;
  }
}
