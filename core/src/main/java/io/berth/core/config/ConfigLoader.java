package io.berth.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code config/berth.yml} plus the environment into a {@link BerthConfig}. Every key has a
 * default; unknown keys and bad values fail with the exact path, the reason and the known values.
 */
public final class ConfigLoader {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.\\-/:@*?]+");

  private ConfigLoader() {}

  /** The core's own top-level sections; any other key belongs to a registered {@link SettingsSection}. */
  static final List<String> CORE_SECTIONS = List.of("server", "data", "engine", "build", "policy", "web", "notify", "audit");

  /** Loads with the process environment and no sections of other modules. */
  public static BerthConfig load(Path file) {
    return load(file, System.getenv());
  }

  /** Loads; {@code env} stands in for the environment (secrets, DOCKER_HOST, API URL overrides). */
  public static BerthConfig load(Path file, Map<String, String> env) {
    return load(file, env, List.of());
  }

  /** Loads, binding {@code sections} (other modules' top-level keys, e.g. chat platforms) too. */
  public static BerthConfig load(Path file, Map<String, String> env, List<? extends SettingsSection<?>> sections) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("", file + ": no such configuration file (copy config/berth.yml from the repository)");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("", file + ": cannot read (" + e.getMessage() + ")");
    }
    return parse(text, env, sections);
  }

  /** Parses YAML text (an empty text gives the defaults) with the core's sections only. */
  public static BerthConfig parse(String yaml, Map<String, String> env) {
    return parse(yaml, env, List.of());
  }

  /**
   * Parses YAML text; each of {@code sections} binds its own top-level key (absent: its defaults).
   * A top-level key that is neither the core's nor a registered section's is an error.
   */
  public static BerthConfig parse(String yaml, Map<String, String> env, List<? extends SettingsSection<?>> sections) {
    List<String> known = new ArrayList<>(CORE_SECTIONS);
    for (SettingsSection<?> section : sections) {
      if (!io.berth.core.model.Source.NAME.matcher(section.key()).matches() || known.contains(section.key())) {
        throw new IllegalArgumentException("configuration section \"" + section.key() + "\" cannot be registered: "
            + (known.contains(section.key()) ? "the key is taken" : "not a lowercase name"));
      }
      known.add(section.key());
    }
    JsonNode root;
    try {
      root = yaml.isBlank() ? null : YamlTree.read(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException("", "not valid YAML" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("", "not valid YAML: " + e.getMessage());
    }
    YamlSection top = new YamlSection("", root);
    top.allowOnly(known.toArray(String[]::new));
    ServerSettings server = server(top.section("server"));
    DataSettings data = new DataSettings(path(top.section("data"), "dir", DataSettings.DEFAULTS.dir()));
    EngineSettings engine = engine(top.section("engine"), env);
    BuildSettings build = build(top.section("build"));
    // every context the policy names (users', groups', run guards', approval rules') must be an endpoint
    PolicySettings policy = policy(top.section("policy"), engine.endpoints().stream().map(EngineSettings.Endpoint::name).toList());
    WebSettings web = web(top.section("web"), env);
    Map<SettingsSection<?>, Object> bound = new LinkedHashMap<>();
    for (SettingsSection<?> section : sections) bound.put(section, section.bind(top.section(section.key()), env));
    return new BerthConfig(server, data, engine, build, policy, web, notify(top.section("notify")),
        audit(top.section("audit"), env), bound);
  }

  private static AuditSettings audit(YamlSection s, Map<String, String> env) {
    s.allowOnly("signingKeyFile", "checkpoint", "witness", "store", "postgres", "recordings");
    AuditSettings d = AuditSettings.DEFAULTS;
    YamlSection cp = s.section("checkpoint");
    cp.allowOnly("every", "interval");
    Duration interval = cp.duration("interval", d.checkpointInterval());
    if (interval.isZero() || interval.isNegative()) throw new ConfigException(cp.pathOf("interval"), "must be positive (e.g. 60s)");
    YamlSection witness = s.section("witness");
    witness.allowOnly("file", "chat");
    AuditSettings.Store store = AuditSettings.Store.valueOf(
        s.oneOf("store", "sqlite", List.of("sqlite", "postgres")).toUpperCase(java.util.Locale.ROOT));
    AuditSettings.PostgresStore postgres = postgres(s.section("postgres"), env);
    if (store == AuditSettings.Store.POSTGRES && postgres.url() == null) {
      throw new ConfigException(s.pathOf("postgres") + ".url",
          "required when audit.store is postgres (e.g. jdbc:postgresql://HOST:5432/berth)");
    }
    return new AuditSettings(optionalPath(s, "signingKeyFile"), cp.integer("every", d.checkpointEvery(), 1, 1_000_000),
        interval, optionalPath(witness, "file"), store, postgres, chatWitnesses(witness), recordings(s.section("recordings")));
  }

  /** {@code audit.recordings}: where interactive sessions are recorded, and each one's size cap. */
  private static AuditSettings.RecordingSettings recordings(YamlSection r) {
    r.allowOnly("dir", "maxSize");
    long max = AuditSettings.RecordingSettings.DEFAULTS.maxBytes();
    if (r.has("maxSize")) {
      try {
        max = io.berth.core.language.SizeText.ramInBytes(r.string("maxSize", null));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(r.pathOf("maxSize"), e.getMessage());
      }
      if (max < 4096) throw new ConfigException(r.pathOf("maxSize"), "must be at least 4k (e.g. 16m)");
    }
    return new AuditSettings.RecordingSettings(optionalPath(r, "dir"), max);
  }

  /** {@code platform} of a chat-channel entry (audit.witness.chat, engine.channelContexts): a platform name. */
  private static String platform(YamlSection w) {
    String platform = w.string("platform", null);
    if (!io.berth.core.model.Source.NAME.matcher(platform).matches()) {
      throw new ConfigException(w.pathOf("platform"), "\"" + platform
          + "\" is not a platform name (lowercase letters, digits and -, e.g. slack, discord)");
    }
    return platform;
  }

  /** {@code channel} of a chat-channel entry: a Slack or Discord channel id. */
  private static String channelId(YamlSection w) {
    String channel = w.string("channel", null);
    if (!CHANNEL_ID.matcher(channel).matches()) {
      throw new ConfigException(w.pathOf("channel"), "\"" + channel + "\" is not a channel id (letters and digits,"
          + " e.g. Slack's C0123ABCD or a Discord channel id in quotes)");
    }
    return channel;
  }

  /** {@code audit.witness.chat}: a list of {platform, channel}; which platforms exist is the launcher's to check. */
  private static List<AuditSettings.ChatWitness> chatWitnesses(YamlSection witness) {
    List<AuditSettings.ChatWitness> out = new ArrayList<>();
    for (YamlSection w : witness.sections("chat")) {
      w.allowOnly("platform", "channel");
      for (String key : List.of("platform", "channel")) {
        if (!w.has(key)) throw new ConfigException(w.pathOf(key), "missing (each entry: { platform, channel })");
      }
      String platform = platform(w);
      String channel = channelId(w);
      AuditSettings.ChatWitness entry = new AuditSettings.ChatWitness(platform, channel);
      if (out.contains(entry)) throw new ConfigException(w.path(), platform + " channel " + channel + " is listed twice");
      out.add(entry);
    }
    return out;
  }

  private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)[?&](password|sslpassword)=");

  private static AuditSettings.PostgresStore postgres(YamlSection s, Map<String, String> env) {
    s.allowOnly("url", "user", "password", "lockTimeout");
    AuditSettings.PostgresStore d = AuditSettings.PostgresStore.DEFAULTS;
    String url = s.string("url", null);
    if (url != null) {
      if (!url.startsWith("jdbc:postgresql://") || url.length() == "jdbc:postgresql://".length()) {
        throw new ConfigException(s.pathOf("url"), "not a PostgreSQL JDBC URL: \"" + url
            + "\" (expected jdbc:postgresql://HOST[:PORT]/DATABASE)");
      }
      if (CREDENTIAL_PARAMETER.matcher(url).find() || url.substring("jdbc:postgresql://".length()).contains("@")) {
        throw new ConfigException(s.pathOf("url"), "secrets cannot be written in the YAML file; put the password in "
            + "audit.postgres.password ({env: VARIABLE} or {file: PATH})");
      }
    }
    Duration lockTimeout = s.duration("lockTimeout", d.lockTimeout());
    if (lockTimeout.isZero() || lockTimeout.isNegative()) {
      throw new ConfigException(s.pathOf("lockTimeout"), "must be positive (e.g. 5s)");
    }
    String user = s.string("user", d.user());
    if (user.isBlank()) throw new ConfigException(s.pathOf("user"), "must not be empty");
    return new AuditSettings.PostgresStore(url, user, s.secret("password", d.password(), env), lockTimeout);
  }

  private static Path optionalPath(YamlSection s, String key) {
    String v = s.string(key, null);
    if (v == null) return null;
    if (v.isBlank()) throw new ConfigException(s.pathOf(key), "must not be empty (leave it out for the default)");
    try {
      return Path.of(v);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException(s.pathOf(key), "not a valid path: " + e.getMessage());
    }
  }

  private static ServerSettings server(YamlSection s) {
    s.allowOnly("host", "port");
    ServerSettings d = ServerSettings.DEFAULTS;
    String host = s.string("host", d.host());
    if (host.isBlank()) throw new ConfigException(s.pathOf("host"), "must not be empty (e.g. 127.0.0.1 or 0.0.0.0)");
    return new ServerSettings(host, s.integer("port", d.port(), 0, 65535));
  }

  private static Path path(YamlSection s, String key, Path def) {
    s.allowOnly(key);
    String v = s.string(key, null);
    if (v == null) return def;
    if (v.isBlank()) throw new ConfigException(s.pathOf(key), "must not be empty");
    try {
      return Path.of(v);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException(s.pathOf(key), "not a valid path: " + e.getMessage());
    }
  }

  private static EngineSettings engine(YamlSection s, Map<String, String> env) {
    s.allowOnly("endpoints", "defaultContext", "channelContexts", "runTimeout", "execTimeout", "maxOutputBytes", "maxLogLines");
    EngineSettings d = EngineSettings.DEFAULTS;
    List<EngineSettings.Endpoint> endpoints = new ArrayList<>();
    JsonNode list = s.has("endpoints") ? s.entries().get("endpoints") : null;
    String fallbackHost = env.getOrDefault("DOCKER_HOST", "").isBlank() ? EngineSettings.DEFAULT_HOST : env.get("DOCKER_HOST");
    if (list == null) {
      endpoints.add(new EngineSettings.Endpoint("local", fallbackHost));
    } else {
      if (!list.isArray() || list.isEmpty()) {
        throw new ConfigException(s.pathOf("endpoints"), "expected a non-empty list of {name, host}");
      }
      for (YamlSection e : s.sections("endpoints")) {
        EngineSettings.Endpoint endpoint = endpoint(e, endpoints.isEmpty() ? "local" : "endpoint" + endpoints.size(), fallbackHost);
        if (endpoints.stream().anyMatch(o -> o.name().equals(endpoint.name()))) {
          throw new ConfigException(e.pathOf("name"), "\"" + endpoint.name() + "\" is already the name of another endpoint");
        }
        endpoints.add(endpoint);
      }
    }
    String defaultContext = s.string("defaultContext", null);
    if (defaultContext != null && endpoints.stream().noneMatch(e -> e.name().equals(defaultContext))) {
      throw new ConfigException(s.pathOf("defaultContext"), "\"" + defaultContext + "\" is not an endpoint (one of: "
          + String.join(", ", endpoints.stream().map(EngineSettings.Endpoint::name).toList()) + ")");
    }
    return new EngineSettings(endpoints, defaultContext,
        s.duration("runTimeout", d.runTimeout()),
        s.duration("execTimeout", d.execTimeout()),
        s.integer("maxOutputBytes", d.maxOutputBytes(), 1024, 256 * 1024 * 1024),
        s.integer("maxLogLines", d.maxLogLines(), 1, 1_000_000),
        channelContexts(s, endpoints));
  }

  /**
   * {@code engine.channelContexts}: a list of {platform, channel, context}, a chat channel bound to an endpoint; the
   * platform and channel grammar are audit.witness.chat's, the context must be one of the endpoints.
   */
  private static List<EngineSettings.ChannelContext> channelContexts(YamlSection s, List<EngineSettings.Endpoint> endpoints) {
    List<EngineSettings.ChannelContext> out = new ArrayList<>();
    List<String> names = endpoints.stream().map(EngineSettings.Endpoint::name).toList();
    for (YamlSection c : s.sections("channelContexts")) {
      c.allowOnly("platform", "channel", "context");
      for (String key : List.of("platform", "channel", "context")) {
        if (!c.has(key)) throw new ConfigException(c.pathOf(key), "missing (each entry: { platform, channel, context })");
      }
      String platform = platform(c);
      String channel = channelId(c);
      String context = c.string("context", null);
      if (!names.contains(context)) {
        throw new ConfigException(c.pathOf("context"), "\"" + context + "\" is not an endpoint (one of: "
            + String.join(", ", names) + ")");
      }
      if (out.stream().anyMatch(o -> o.platform().equals(platform) && o.channel().equals(channel))) {
        throw new ConfigException(c.path(), platform + " channel " + channel + " is bound twice");
      }
      out.add(new EngineSettings.ChannelContext(platform, channel, context));
    }
    return out;
  }

  /** One {@code engine.endpoints[i]}: a context name in docker's grammar, a host, and how to reach it (tls, ssh). */
  private static EngineSettings.Endpoint endpoint(YamlSection e, String defaultName, String fallbackHost) {
    e.allowOnly("name", "host", "tls", "ssh", "labels");
    String name = e.string("name", defaultName);
    if (!EngineSettings.CONTEXT_NAME.matcher(name).matches()) {
      throw new ConfigException(e.pathOf("name"), "\"" + name + "\" is not a context name (letters, digits, and _ . + -"
          + " after the first; at least two characters, as docker's context names)");
    }
    if (name.equals(EngineSettings.ALL)) {
      throw new ConfigException(e.pathOf("name"), "\"all\" is reserved: --context all means every endpoint");
    }
    String host = e.string("host", null);
    if (host != null && !host.matches("(unix|tcp|npipe)://.+|ssh://[^@/\\s]+@[^@/\\s]+")) {
      throw new ConfigException(e.pathOf("host"), "\"" + host + "\" is not a Docker host (use unix:///var/run/docker.sock,"
          + " tcp://HOST:PORT or ssh://USER@HOST)");
    }
    boolean ssh = host != null && host.startsWith("ssh://");
    Optional<Path> tls = Optional.empty();
    if (e.has("tls")) {
      if (host == null || !host.startsWith("tcp://")) {
        throw new ConfigException(e.pathOf("tls"), "TLS client certificates are for tcp:// hosts only");
      }
      Path dir = Path.of(e.string("tls", ""));
      for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
        if (!Files.isReadable(dir.resolve(f))) {
          throw new ConfigException(e.pathOf("tls"), "\"" + dir + "\" has no readable " + f
              + " (a directory with ca.pem, cert.pem and key.pem, as docker's DOCKER_CERT_PATH)");
        }
      }
      tls = Optional.of(dir);
    }
    Optional<EngineSettings.Ssh> sshSettings = Optional.empty();
    if (e.has("ssh")) {
      if (!ssh) throw new ConfigException(e.pathOf("ssh"), "ssh settings are for ssh://USER@HOST hosts only");
      YamlSection k = e.section("ssh");
      k.allowOnly("identity", "knownHosts", "socket");
      String socket = k.string("socket", null);
      if (socket != null && !socket.startsWith("/")) {
        throw new ConfigException(k.pathOf("socket"), "\"" + socket + "\" is not an absolute path of the remote engine socket");
      }
      sshSettings = Optional.of(new EngineSettings.Ssh(readable(k, "identity"), readable(k, "knownHosts"), socket));
    } else if (ssh) {
      sshSettings = Optional.of(EngineSettings.Ssh.DEFAULTS);
    }
    return new EngineSettings.Endpoint(name, host == null ? fallbackHost : host, tls, sshSettings, e.stringMap("labels"));
  }

  private static Path readable(YamlSection s, String key) {
    String v = s.string(key, null);
    if (v == null) return null;
    Path p = Path.of(v);
    if (!Files.isReadable(p)) throw new ConfigException(s.pathOf(key), "\"" + v + "\" is not a readable file");
    return p;
  }

  private static BuildSettings build(YamlSection s) {
    s.allowOnly("roots");
    List<String> roots = s.strings("roots", List.of("build"));
    return new BuildSettings(roots.stream().map(Path::of).toList());
  }

  private static PolicySettings policy(YamlSection s, List<String> contexts) {
    s.allowOnly("roles", "users", "groups", "channels", "run", "confirm", "approvals", "terminals");
    PolicySettings d = PolicySettings.DEFAULTS;
    List<String> commands = PolicySettings.KNOWN_COMMANDS;

    Map<String, List<String>> roles = new LinkedHashMap<>();
    YamlSection rs = s.section("roles");
    for (String role : rs.entries().keySet()) {
      if (PolicySettings.BUILT_IN_ROLES.containsKey(role)) {
        throw new ConfigException(rs.pathOf(role), "\"" + role + "\" is a built-in role and cannot be redefined "
            + "(built-in: " + String.join(", ", PolicySettings.BUILT_IN_ROLES.keySet()) + ")");
      }
      roles.put(role, rs.stringsOf(role, List.of(), commands));
    }
    List<String> knownRoles = new ArrayList<>(PolicySettings.BUILT_IN_ROLES.keySet());
    knownRoles.addAll(roles.keySet());

    Map<String, PolicySettings.User> users = new LinkedHashMap<>();
    Map<String, String> seen = new HashMap<>();
    if (!s.has("users")) {
      users.putAll(d.users());
    } else {
      YamlSection us = s.section("users");
      for (String name : us.entries().keySet()) {
        users.put(name, user(us.section(name), knownRoles, seen, contexts));
      }
    }

    PolicySettings.Channels channels = channels(s.section("channels"));

    PolicySettings.RunGuards guards = runGuards(s.section("run"), contexts);

    YamlSection cf = s.section("confirm");
    cf.allowOnly("commands", "protectedLabel", "ttl", "forOthers");
    PolicySettings.Confirm c = d.confirm();
    String label = cf.string("protectedLabel", c.protectedLabel());
    if (label.isBlank()) throw new ConfigException(cf.pathOf("protectedLabel"), "must not be empty (default: berth.protected)");
    Duration ttl = cf.duration("ttl", c.ttl());
    if (ttl.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(cf.pathOf("ttl"), "at most 1h, so a forgotten confirmation cannot be used much later");
    }
    PolicySettings.Confirm confirm = new PolicySettings.Confirm(cf.stringsOf("commands", c.commands(), commands), label, ttl,
        cf.stringsOf("forOthers", c.forOthers(), knownRoles));
    return new PolicySettings(roles, users, channels, guards, confirm, groups(s, knownRoles, contexts),
        approvals(s.section("approvals"), knownRoles, contexts), unrecorded(s.section("terminals"), users));
  }

  /**
   * The guards a context may set for itself; not {@code fileRoots}: those are files on Berth's own host, whichever
   * engine the command goes to.
   */
  private static final String[] RUN_GUARD_KEYS = {"allowPrivileged", "allowBindMounts", "allowHostNamespaces",
      "allowCapabilities", "allowDevices", "images", "allowContainerNamespaces", "allowRootUser"};

  /**
   * {@code policy.run}, and its {@code contexts}: per context, the keys given there replace the top level's and the
   * others are the top level's (so {@code prod: {images: [...]}} changes only the image list on prod).
   */
  private static PolicySettings.RunGuards runGuards(YamlSection run, List<String> contexts) {
    List<String> keys = new ArrayList<>(List.of(RUN_GUARD_KEYS));
    keys.addAll(List.of("fileRoots", "contexts"));
    run.allowOnly(keys.toArray(String[]::new));
    PolicySettings.RunGuards base = runGuards(run, PolicySettings.RunGuards.DEFAULTS);
    Map<String, PolicySettings.RunGuards> byContext = new LinkedHashMap<>();
    YamlSection cs = run.section("contexts");
    for (String ctx : cs.entries().keySet()) {
      knownContext(cs.path(), ctx, contexts);
      YamlSection c = cs.section(ctx);
      c.allowOnly(RUN_GUARD_KEYS);
      byContext.put(ctx, runGuards(c, base));
    }
    return new PolicySettings.RunGuards(base.allowPrivileged(), base.allowBindMounts(), base.allowHostNamespaces(),
        base.allowCapabilities(), base.allowDevices(), base.images(), base.allowContainerNamespaces(),
        base.allowRootUser(), base.fileRoots(), byContext);
  }

  /** One set of run guards, each key not given in {@code run} taken from {@code d}. */
  private static PolicySettings.RunGuards runGuards(YamlSection run, PolicySettings.RunGuards d) {
    List<String> images = run.strings("images", d.images());
    for (int i = 0; i < images.size(); i++) {
      if (!GLOB.matcher(images.get(i)).matches()) {
        throw new ConfigException(run.pathOf("images") + "[" + i + "]", "\"" + images.get(i)
            + "\" is not an image pattern (letters, digits, . _ - / : @ and the globs * ?)");
      }
    }
    List<Path> fileRoots = run.has("fileRoots") ? run.strings("fileRoots", List.of()).stream().map(Path::of).toList()
        : d.fileRoots();
    return new PolicySettings.RunGuards(
        run.bool("allowPrivileged", d.allowPrivileged()), run.bool("allowBindMounts", d.allowBindMounts()),
        run.bool("allowHostNamespaces", d.allowHostNamespaces()), run.bool("allowCapabilities", d.allowCapabilities()),
        run.bool("allowDevices", d.allowDevices()), images,
        run.bool("allowContainerNamespaces", d.allowContainerNamespaces()), run.bool("allowRootUser", d.allowRootUser()),
        fileRoots);
  }

  /** A context the policy names must be one of engine.endpoints' names, like any other unknown value. */
  private static void knownContext(String path, String context, List<String> contexts) {
    if (!contexts.contains(context)) {
      // the same words as --context NAME for a context that is not there
      throw new ConfigException(path, "context \"" + context + "\" does not exist (known: " + String.join(", ", contexts) + ")");
    }
  }

  /**
   * {@code contexts} of a user or a group: per context a role ({@code prod: viewer}) or {@code {role, scope}} (either
   * may be left out: the user's or group's own then holds there).
   */
  private static Map<String, PolicySettings.InContext> inContexts(YamlSection owner, String ownRole, List<String> knownRoles,
      List<String> contexts) {
    YamlSection cs = owner.section("contexts");
    Map<String, PolicySettings.InContext> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : cs.entries().entrySet()) {
      String ctx = e.getKey();
      knownContext(cs.path(), ctx, contexts);
      if (e.getValue() != null && e.getValue().isValueNode()) {
        out.put(ctx, PolicySettings.InContext.role(cs.oneOf(ctx, null, knownRoles)));
        continue;
      }
      YamlSection c = cs.section(ctx);
      c.allowOnly("role", "scope");
      if (!c.has("role") && !c.has("scope")) {
        throw new ConfigException(c.path(), "give a role, a scope or both (e.g. " + ctx + ": viewer, or " + ctx
            + ": { role: operator, scope: { names: [\"app-*\"] } })");
      }
      out.put(ctx, new PolicySettings.InContext(c.oneOf("role", ownRole, knownRoles), c.has("scope") ? scope(c) : null));
    }
    return out;
  }

  /** A {@code scope} ({@code labels}, {@code names}) under {@code s}; unrestricted when absent. */
  private static PolicySettings.Scope scope(YamlSection s) {
    YamlSection sc = s.section("scope");
    sc.allowOnly("labels", "names");
    return new PolicySettings.Scope(sc.stringMap("labels"), sc.strings("names", List.of()));
  }

  /**
   * {@code policy.terminals.unrecorded}: rules by name ({@code containers: {labels, names}}, {@code setBy}: the admin
   * who decided that sessions there go unrecorded). Only an admin may: {@code setBy} must be a user whose role is
   * admin, so turning recording off is always someone's accountable decision, and it is named in the audit.
   */
  private static Map<String, PolicySettings.UnrecordedRule> unrecorded(YamlSection t, Map<String, PolicySettings.User> users) {
    t.allowOnly("unrecorded");
    Map<String, PolicySettings.UnrecordedRule> rules = new LinkedHashMap<>();
    YamlSection rs = t.section("unrecorded");
    for (String name : rs.entries().keySet()) {
      YamlSection r = rs.section(name);
      r.allowOnly("containers", "setBy");
      if (!r.has("containers")) {
        throw new ConfigException(r.pathOf("containers"), "required: the containers whose sessions go unrecorded ({labels, names})");
      }
      String setBy = r.string("setBy", null);
      PolicySettings.User admin = setBy == null ? null : users.get(setBy);
      if (admin == null || !"admin".equals(admin.role())) {
        throw new ConfigException(r.pathOf("setBy"), "must name a policy user whose role is admin: only an admin may turn "
            + "session recording off" + (setBy == null ? "" : " (\"" + setBy + "\" is " + (admin == null ? "no policy user"
            : "role " + admin.role()) + ")"));
      }
      YamlSection c = r.section("containers");
      c.allowOnly("labels", "names");
      PolicySettings.Scope containers = new PolicySettings.Scope(c.stringMap("labels"), c.strings("names", List.of()));
      if (containers.unrestricted()) {
        throw new ConfigException(r.pathOf("containers"), "must name labels or names: a rule may not leave every session unrecorded");
      }
      rules.put(name, new PolicySettings.UnrecordedRule(containers, setBy));
    }
    return rules;
  }

  /** What a group id may be: Slack user group ids, Discord role snowflakes, other platforms' ids. */
  private static final java.util.regex.Pattern GROUP_ID = java.util.regex.Pattern.compile("[A-Za-z0-9!@][A-Za-z0-9._:@!-]{0,127}");

  /** {@code policy.groups}: a list of {platform, group, role, scope}; one entry per platform and group. */
  private static List<PolicySettings.Group> groups(YamlSection s, List<String> knownRoles, List<String> contexts) {
    List<PolicySettings.Group> groups = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (YamlSection g : s.sections("groups")) {
      g.allowOnly("platform", "group", "role", "scope", "contexts");
      for (String key : List.of("platform", "group", "role")) {
        if (!g.has(key)) throw new ConfigException(g.pathOf(key), "missing (each entry: { platform, group, role, scope })");
      }
      String platform = g.string("platform", null);
      if (!io.berth.core.model.Source.NAME.matcher(platform).matches()) {
        throw new ConfigException(g.pathOf("platform"), "\"" + platform
            + "\" is not a platform name (lowercase letters, digits and -, e.g. slack, discord)");
      }
      String group = g.string("group", null);
      if (!GROUP_ID.matcher(group).matches()) {
        throw new ConfigException(g.pathOf("group"), "\"" + group + "\" is not a group id (letters, digits and . _ : @ ! -;"
            + " a Slack user group id such as S0123ABCD, a Discord role id in quotes)");
      }
      String role = g.oneOf("role", null, knownRoles);
      String other = seen.putIfAbsent(platform + ":" + group, g.path());
      if (other != null) throw new ConfigException(g.pathOf("group"), "\"" + group + "\" is already granted by " + other);
      groups.add(new PolicySettings.Group(platform, group, role, scope(g), inContexts(g, role, knownRoles, contexts)));
    }
    return groups;

  }

  /**
   * {@code policy.approvals}: {@code rules} by name ({@code commands}, {@code containers: {names,
   * labels}}, {@code approvers} (roles), {@code count}, {@code ttl}) and {@code channels} per platform.
   */
  private static PolicySettings.Approvals approvals(YamlSection s, List<String> knownRoles, List<String> contexts) {
    s.allowOnly("rules", "channels");
    Map<String, PolicySettings.ApprovalRule> rules = new LinkedHashMap<>();
    YamlSection rs = s.section("rules");
    for (String name : rs.entries().keySet()) {
      YamlSection r = rs.section(name);
      r.allowOnly("commands", "containers", "approvers", "count", "ttl", "contexts");
      if (!r.has("commands")) throw new ConfigException(r.pathOf("commands"), "required: the commands this rule holds for approval");
      if (!r.has("approvers")) throw new ConfigException(r.pathOf("approvers"), "required: the roles that may approve");
      List<String> commands = r.stringsOf("commands", List.of(), PolicySettings.KNOWN_COMMANDS);
      List<String> approvers = r.stringsOf("approvers", List.of(), knownRoles);
      if (commands.isEmpty()) throw new ConfigException(r.pathOf("commands"), "must name at least one command");
      if (approvers.isEmpty()) throw new ConfigException(r.pathOf("approvers"), "must name at least one role");
      YamlSection c = r.section("containers");
      c.allowOnly("labels", "names");
      Duration ttl = r.duration("ttl", Duration.ofMinutes(30));
      if (ttl.compareTo(Duration.ofDays(1)) > 0 || ttl.isNegative() || ttl.isZero()) {
        throw new ConfigException(r.pathOf("ttl"), "between 1s and 24h, so a forgotten request cannot run much later");
      }
      List<String> in = r.strings("contexts", List.of());
      for (int i = 0; i < in.size(); i++) knownContext(r.pathOf("contexts") + "[" + i + "]", in.get(i), contexts);
      rules.put(name, new PolicySettings.ApprovalRule(commands,
          new PolicySettings.Scope(c.stringMap("labels"), c.strings("names", List.of())), approvers,
          r.integer("count", 1, 1, 10), ttl, in));
    }
    Map<String, List<String>> channels = new LinkedHashMap<>();
    YamlSection ch = s.section("channels");
    for (String platform : ch.entries().keySet()) channels.put(platform, ch.strings(platform, List.of()));
    return new PolicySettings.Approvals(rules, channels);
  }

  /** Identity keys written directly under a user before {@code identities:} existed; still read, with a warning. */
  static final List<String> LEGACY_IDENTITY_KEYS = List.of("slack", "discord", "cli", "web");

  private static PolicySettings.User user(YamlSection u, List<String> knownRoles, Map<String, String> seen,
      List<String> contexts) {
    u.allowOnly("role", "identities", "slack", "discord", "web", "cli", "scope", "contexts");
    String name = u.path().substring(u.path().lastIndexOf('.') + 1);
    if (name.contains(":")) {
      // platform:id is how a member granted a role by policy.groups appears in the audit trail
      throw new ConfigException(u.path(), "a user name cannot contain \":\" (PLATFORM:ID names members of policy.groups)");
    }
    if (!u.has("role")) {
      throw new ConfigException(u.pathOf("role"), "missing (known: " + String.join(", ", knownRoles) + ")");
    }
    String role = u.string("role", null);
    if (!knownRoles.contains(role)) {
      throw new ConfigException(u.pathOf("role"), "unknown role \"" + role + "\" (known: " + String.join(", ", knownRoles) + ")");
    }
    // One generic structure: platform name -> that platform's ids for this person. The core looks an
    // id up under the caller's platform name and knows no platform; "web" is the console login.
    Map<String, List<String>> identities = new LinkedHashMap<>();
    PolicySettings.WebLogin web = null;
    YamlSection ids = u.section("identities");
    for (String platform : ids.entries().keySet()) {
      if (!io.berth.core.model.Source.NAME.matcher(platform).matches()) {
        throw new ConfigException(ids.pathOf(platform), "\"" + platform
            + "\" is not a platform name (lowercase letters, digits and -, e.g. slack, discord, cli)");
      }
      if (platform.equals("web")) web = webLogin(ids, name, seen);
      else identities.put(platform, unique(ids, platform, name, seen));
    }
    for (String legacy : LEGACY_IDENTITY_KEYS) {
      if (!u.has(legacy)) continue;
      if (ids.has(legacy)) {
        throw new ConfigException(u.pathOf(legacy), "given twice: also under " + ids.pathOf(legacy) + "; keep that one");
      }
      log.warn("{} is deprecated: write it as {} (same value)", u.pathOf(legacy), ids.pathOf(legacy));
      if (legacy.equals("web")) web = webLogin(u, name, seen);
      else identities.put(legacy, unique(u, legacy, name, seen));
    }
    // a role and scope per context (engine.endpoints[].name): viewer on prod, operator on staging
    return new PolicySettings.User(role, identities, web, scope(u), inContexts(u, role, knownRoles, contexts));
  }

  private static PolicySettings.WebLogin webLogin(YamlSection u, String name, Map<String, String> seen) {
    YamlSection w = u.section("web");
    w.allowOnly("login", "passwordHash");
    String login = w.string("login", name);
    if (!login.matches("[A-Za-z0-9_.@-]{1,64}")) {
      throw new ConfigException(w.pathOf("login"), "\"" + login + "\" is not a login name (letters, digits, _ . @ -)");
    }
    String hash = w.string("passwordHash", null);
    if (hash == null) {
      throw new ConfigException(w.pathOf("passwordHash"), "missing; generate one with ./berth hash-password");
    }
    var m = BCRYPT.matcher(hash);
    if (!m.matches()) {
      throw new ConfigException(w.pathOf("passwordHash"),
          "not a bcrypt hash ($2a$/$2b$/$2y$...); passwords are never stored in plain text or fast hashes");
    }
    if (Integer.parseInt(m.group(1)) < 10) {
      throw new ConfigException(w.pathOf("passwordHash"), "bcrypt cost " + m.group(1) + " is too low (at least 10)");
    }
    String key = "web:" + login;
    String other = seen.putIfAbsent(key, name);
    if (other != null) throw new ConfigException(w.pathOf("login"), "\"" + login + "\" is already the web login of " + other);
    return new PolicySettings.WebLogin(login, hash);
  }

  /**
   * {@code policy.channels}: per platform name, {@code {workspaces: [...], channels: [...]}} (Discord's
   * word {@code guilds} is read as workspaces), or just a list of channels (any workspace).
   */
  private static PolicySettings.Channels channels(YamlSection ch) {
    Map<String, PolicySettings.ChannelRule> rules = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : ch.entries().entrySet()) {
      String platform = e.getKey();
      if (!io.berth.core.model.Source.NAME.matcher(platform).matches()) {
        throw new ConfigException(ch.pathOf(platform), "\"" + platform + "\" is not a platform name (lowercase letters,"
            + " digits and -, e.g. slack, discord)");
      }
      if (e.getValue() != null && e.getValue().isArray()) {
        rules.put(platform, new PolicySettings.ChannelRule(List.of("*"), ch.strings(platform, List.of("*"))));
        continue;
      }
      YamlSection p = ch.section(platform);
      p.allowOnly("workspaces", "guilds", "channels");
      if (p.has("workspaces") && p.has("guilds")) {
        throw new ConfigException(p.pathOf("guilds"), "the same as workspaces; give one of them");
      }
      List<String> workspaces = p.strings(p.has("guilds") ? "guilds" : "workspaces", List.of("*"));
      rules.put(platform, new PolicySettings.ChannelRule(workspaces, p.strings("channels", List.of("*"))));
    }
    return new PolicySettings.Channels(rules);
  }

  /** A platform's ids of one user; an id already claimed on that platform by another user is an error. */
  private static List<String> unique(YamlSection u, String platform, String user, Map<String, String> seen) {
    List<String> ids = u.strings(platform, List.of());
    for (int i = 0; i < ids.size(); i++) {
      String other = seen.putIfAbsent(platform + ":" + ids.get(i), user);
      if (other != null) {
        throw new ConfigException(u.pathOf(platform) + "[" + i + "]", "\"" + ids.get(i) + "\" already belongs to user " + other);
      }
    }
    return ids;
  }

  private static WebSettings web(YamlSection s, Map<String, String> env) {
    s.allowOnly("enabled", "sessionKey", "loginThrottle", "logLinesKept", "maxStreamsPerUser", "publicUrl", "terminal");
    WebSettings d = WebSettings.DEFAULTS;
    WebSettings.LoginThrottle dt = d.loginThrottle();
    YamlSection t = s.section("loginThrottle");
    t.allowOnly("maxFailures", "maxFailuresPerAddress", "backoff", "maxBackoff", "window");
    int maxFailures = t.integer("maxFailures", dt.maxFailures(), 1, 1000);
    int perAddress = t.integer("maxFailuresPerAddress", Math.max(dt.maxFailuresPerAddress(), maxFailures), 1, 100_000);
    if (perAddress < maxFailures) {
      throw new ConfigException(t.pathOf("maxFailuresPerAddress"), "must be at least maxFailures (" + maxFailures
          + "): an address is shared by several logins");
    }
    Duration backoff = t.duration("backoff", dt.backoff());
    Duration maxBackoff = t.duration("maxBackoff", dt.maxBackoff());
    Duration window = t.duration("window", dt.window());
    if (backoff.isZero() || backoff.isNegative()) throw new ConfigException(t.pathOf("backoff"), "must be positive");
    if (maxBackoff.compareTo(backoff) < 0) {
      throw new ConfigException(t.pathOf("maxBackoff"), "must be at least backoff (" + backoff + ")");
    }
    if (window.compareTo(maxBackoff) < 0) {
      throw new ConfigException(t.pathOf("window"), "must be at least maxBackoff (" + maxBackoff
          + "), or a capped wait would forget the failures it is counting");
    }
    return new WebSettings(s.bool("enabled", d.enabled()), s.secret("sessionKey", d.sessionKey(), env),
        new WebSettings.LoginThrottle(maxFailures, perAddress, backoff, maxBackoff, window),
        s.integer("logLinesKept", d.logLinesKept(), 100, 1_000_000),
        s.integer("maxStreamsPerUser", d.maxStreamsPerUser(), 1, 1000),
        publicUrl(s, "publicUrl"), terminal(s.section("terminal"), d.terminal()));
  }

  private static WebSettings.Terminal terminal(YamlSection s, WebSettings.Terminal d) {
    s.allowOnly("idleTimeout", "maxPerUser");
    return new WebSettings.Terminal(s.duration("idleTimeout", d.idleTimeout()), s.integer("maxPerUser", d.maxPerUser(), 1, 100));
  }

  /** An origin: http(s), a host, an optional port, nothing after it (browsers send Origin without a path). */
  private static java.net.URI publicUrl(YamlSection s, String key) {
    String v = s.string(key, null);
    if (v == null) return null;
    String why = "\"" + v + "\" is not an origin like https://berth.example.com or http://10.0.0.5:8080";
    java.net.URI u;
    try {
      u = new java.net.URI(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(s.pathOf(key), why);
    }
    boolean http = "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
    if (!http || u.getHost() == null || u.getRawUserInfo() != null || !(u.getRawPath() == null || u.getRawPath().isEmpty())
        || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new ConfigException(s.pathOf(key), why);
    }
    return u;
  }

  private static NotifySettings notify(YamlSection s) {
    s.allowOnly("events", "dedupeWindow", "maxPerMinute");
    NotifySettings d = NotifySettings.DEFAULTS;
    return new NotifySettings(s.stringsOf("events", d.events(), NotifySettings.KNOWN_EVENTS),
        s.duration("dedupeWindow", d.dedupeWindow()), s.integer("maxPerMinute", d.maxPerMinute(), 1, 600));
  }
}
