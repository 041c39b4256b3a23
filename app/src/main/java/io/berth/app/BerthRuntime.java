package io.berth.app;

import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.adapter.docker.SshForward;
import io.berth.core.adapter.postgres.PostgresAuditTrail;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.CheckpointSigner;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.CheckpointWitness;
import io.berth.core.audit.CheckpointingAuditTrail;
import io.berth.core.audit.FileCheckpointWitness;
import io.berth.core.audit.SigningKeys;
import io.berth.core.config.AuditSettings;
import io.berth.core.config.BerthConfig;
import io.berth.core.config.EngineSettings;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.Engines;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.policy.WebAccounts;
import io.berth.core.service.CommandService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core, wired from a configuration: engine adapter, audit store (with signed checkpoints and
 * witnesses), command language, policy and the command service on top. The one place that knows
 * the concrete classes; serve, {@code berth docker} and {@code berth audit} all start here.
 */
final class BerthRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BerthRuntime.class);

  final BerthConfig config;
  /** The default context's engine (health, alerts and the live feed follow this one for now). */
  final ContainerEngine engine;
  /** Every endpoint's engine, by context name. */
  final Engines engines;
  final AuditTrail audit;
  final SigningKeys.Loaded signing;
  final ConfiguredPolicy policy;
  /** Who is in the groups of {@code policy.groups}: read by the policy, kept up to date by the chat adapters. */
  final GroupMemberships memberships;
  final CommandService commands;
  /** What replicas share and who leads ({@code serve} only; null for one-shot commands). */
  final Replicas replicas;

  private BerthRuntime(BerthConfig config, Engines engines, AuditTrail audit, SigningKeys.Loaded signing,
      ConfiguredPolicy policy, GroupMemberships memberships, CommandService commands, Replicas replicas) {
    this.replicas = replicas;
    this.memberships = memberships;
    this.config = config;
    this.engines = engines;
    this.engine = engines.engine(null);
    this.audit = audit;
    this.signing = signing;
    this.policy = policy;
    this.commands = commands;
  }

  /**
   * Wires the core. {@code serving} is true only for {@code serve}: it alone closes requests a
   * previous process left open, since a one-shot CLI may run beside a live server.
   */
  static BerthRuntime start(BerthConfig config, boolean serving) {
    return start(config, serving, System.getenv(), System.err::println);
  }

  /** {@code announce} hears what an operator must see once (a newly created signing key). */
  /**
   * Starts, on a daemon thread, the set-up a one-shot call's wiring pays for whatever its configuration says (the
   * audit store's date formats, the signing key's security providers, the engine's selector provider: ~70 ms of CPU
   * together, docs/benchmarks.md), so that it overlaps the configuration's reading on the second core. What it has
   * not finished when the wiring gets there is not done twice: the wiring waits for it, as class initialisation
   * runs once whoever starts it. A failure here is the real use's to report.
   */
  static void warmUpInBackground() {
    daemonThread(() -> StartupTrace.step("warm-up", () -> {
      for (Runnable step : List.<Runnable>of(SqliteAuditTrail::warmUp, CheckpointSigner::warmUp, DockerJavaEngine::warmUp)) {
        try {
          step.run();
        } catch (RuntimeException | LinkageError e) {
          log.debug("start-up warm-up step failed: {}", e.toString());
        }
      }
    }), "berth-warm-up");
  }

  static BerthRuntime start(BerthConfig config, boolean serving, Map<String, String> env, Consumer<String> announce) {
    Clock clock = Clock.systemUTC();
    // The engine clients and the audit store are independent and each costs a large share of a CLI
    // call's start-up (docs/benchmarks.md): build the clients on a second core meanwhile.
    CompletableFuture<Engines> building = CompletableFuture.supplyAsync(
        () -> StartupTrace.step("engine client", () -> engines(config, serving)),
        task -> daemonThread(task, "berth-engine-setup"));
    OpenedAudit opened;
    try {
      opened = openAudit(config, serving, env, announce);
    } catch (RuntimeException e) {
      building.thenAccept(Engines::close); // nobody else will close it
      throw e;
    }
    AuditTrail audit = opened.trail();
    SigningKeys.Loaded signing = opened.signing();
    Engines engines;
    try {
      engines = joined(building);
    } catch (RuntimeException e) {
      audit.close();
      throw e;
    }
    WebAccounts accounts = new WebAccounts(config.policy());
    GroupMemberships memberships = new GroupMemberships(config.policy().groups());
    ConfiguredPolicy policy = new ConfiguredPolicy(config.policy(), accounts, memberships);
    var language = new PicocliCommandLanguage(clock);
    Replicas replicas = serving ? Replicas.of(config, signing.signer()) : null;
    var service = CommandService.withEngines(language, policy, StartupTrace.calls(AuditTrail.class, audit, "audit"),
        engines, config.coreLimits(), clock,
        replicas == null ? new io.berth.core.approval.InMemoryApprovalStore(clock) : replicas.approvals(clock),
        replicas == null ? null : replicas.confirmations(clock, config.coreLimits().confirmationTtl()),
        recordings(config));
    return new BerthRuntime(config, engines, audit, signing, policy, memberships, service, replicas);
  }

  /**
   * One engine adapter per endpoint ({@code engine.endpoints}), each with its own connections: tcp with TLS
   * verifies the server against the endpoint's CA; ssh:// goes through an {@link SshForward} of the system ssh
   * client. Nothing here connects (a down endpoint costs nothing at start), except that a one-shot CLI call waits
   * briefly for ssh forwards to listen, all at once.
   */
  private static Engines engines(BerthConfig config, boolean serving) {
    Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
    List<AutoCloseable> forwards = new ArrayList<>();
    try {
      for (EngineSettings.Endpoint e : config.engine().endpoints()) {
        String host = e.hostOrDefault();
        if (host.startsWith("ssh://")) {
          EngineSettings.Ssh ssh = e.ssh().orElse(EngineSettings.Ssh.DEFAULTS);
          SshForward forward = new SshForward(e.name(), host.substring("ssh://".length()), ssh.identity(),
              ssh.knownHosts(), ssh.socket());
          forwards.add(forward);
          host = forward.host();
        }
        DockerJavaEngine built = new DockerJavaEngine(e.name(), host, e.tls().orElse(null));
        boolean isDefault = e.name().equals(config.engine().defaultContext());
        byContext.put(e.name(), isDefault ? StartupTrace.calls(ContainerEngine.class, built, "engine") : built);
        if (isDefault && !serving) StartupTrace.step("engine preload", built::preload);
        if (isDefault && serving) {
          // serve's first engine calls follow its wiring at once: not joined, its clients are built on first use
          // by whichever thread asks first (the others wait for that build)
          daemonThread(() -> StartupTrace.step("engine preload (serve)", built::preloadServer), "berth-engine-preload");
        }
      }
      if (!serving) {
        for (AutoCloseable f : forwards) ((SshForward) f).awaitListening(java.time.Duration.ofSeconds(5));
      }
    } catch (java.io.IOException e) {
      forwards.forEach(BerthRuntime::closeQuietly);
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<String, String> byChannel = new LinkedHashMap<>();
    for (EngineSettings.ChannelContext c : config.engine().channelContexts()) {
      byChannel.put(Engines.channel(c.platform(), c.channel()), c.context());
    }
    return new Engines(byContext, config.engine().defaultContext(), byChannel, forwards);
  }

  private record OpenedAudit(AuditTrail trail, SigningKeys.Loaded signing) {}

  /**
   * The audit store with its signing key, witnesses and checkpoint cadence. The key (a file read and an
   * Ed25519 key factory, tens of ms of class initialisation) loads on another core while the store opens.
   */
  private static OpenedAudit openAudit(BerthConfig config, boolean serving, Map<String, String> env,
      Consumer<String> announce) {
    AuditSettings settings = config.audit();
    CompletableFuture<SigningKeys.Loaded> loading = CompletableFuture.supplyAsync(
        () -> StartupTrace.step("signing key", () -> SigningKeys.loadOrCreate(env, settings.signingKeyFile(config.data()), announce)),
        task -> daemonThread(task, "berth-key-setup"));
    AuditTrail store = StartupTrace.step("audit store open", () -> store(config));
    SigningKeys.Loaded signing;
    try {
      signing = joined(loading);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    if (signing.publicKey().isEmpty()) {
      log.warn("audit signing key from {}: keep its public key for `berth audit verify --public-key` ({} is absent)",
          SigningKeys.ENV, signing.publicKeyFile());
    }
    AuditTrail audit = new CheckpointingAuditTrail(store, signing.signer(), witnesses(settings),
        new CheckpointingAuditTrail.Cadence(settings.checkpointEvery(), settings.checkpointInterval()));
    if (serving) {
      int interrupted = audit.closeInterrupted();
      if (interrupted > 0) log.warn("{} request(s) were interrupted by the last shutdown; marked in the audit trail", interrupted);
    }
    return new OpenedAudit(audit, signing);
  }

  /** The value of work done on another thread, failing as that work failed. */
  static <T> T joined(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static void daemonThread(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  /** The audit store alone, read-only, for commands that only look (verify, tail): they write nothing, not even a checkpoint. */
  static AuditTrail openForReading(BerthConfig config) {
    return store(config, true);
  }

  /** Where {@code berth audit archive} puts sealed segments and verify looks for them. */
  /** Where interactive sessions are recorded ({@code audit.recordings}), beside the audit trail by default. */
  static io.berth.core.audit.Recordings recordings(BerthConfig config) {
    var r = config.audit().recordings();
    return new io.berth.core.audit.Recordings(r.dir(config.data()), r.maxBytes());
  }

  static Path archiveDir(BerthConfig config) {
    return config.data().dir().resolve("archive");
  }

  /** The public key verify uses by default: next to the signing key file. */
  static Path publicKeyFile(BerthConfig config) {
    return SigningKeys.publicKeyFile(config.audit().signingKeyFile(config.data()));
  }

  private static AuditTrail store(BerthConfig config) {
    return store(config, false);
  }

  /** The one place that picks and opens the store ({@code audit.store}). */
  private static AuditTrail store(BerthConfig config, boolean readOnly) {
    return switch (config.audit().store()) {
      case SQLITE -> SqliteAuditTrail.open(config.data().auditDb(), SqliteAuditTrail.Settings.DEFAULTS.withReadOnly(readOnly));
      case POSTGRES -> PostgresAuditTrail.open(postgres(config, readOnly), postgresPassword(config));
    };
  }

  /** How to reach the audit's PostgreSQL ({@code audit.postgres}): the trail and the replicas' shared state. */
  static PostgresAuditTrail.Settings postgres(BerthConfig config, boolean readOnly) {
    AuditSettings.PostgresStore pg = config.audit().postgres();
    return new PostgresAuditTrail.Settings(pg.url(), pg.user(), pg.lockTimeout(), 1000, readOnly);
  }

  /** The audit database's password (env or file; null: none). */
  static String postgresPassword(BerthConfig config) {
    AuditSettings.PostgresStore pg = config.audit().postgres();
    return pg.password().isPresent() ? pg.password().reveal() : null;
  }

  /** The witnesses known at start: the file; chat channels join once their bot runs ({@link #addWitness}). */
  private static List<CheckpointWitness> witnesses(AuditSettings settings) {
    List<CheckpointWitness> out = new ArrayList<>();
    if (settings.witnessFile() != null) out.add(new FileCheckpointWitness(settings.witnessFile()));
    return out;
  }

  /** One more witness for every later checkpoint (a chat channel of {@code audit.witness.chat}, once its bot runs). */
  void addWitness(CheckpointWitness witness) {
    ((CheckpointingAuditTrail) audit).addWitness(witness);
  }

  /** Writes a checkpoint of the head now and hands it to the witnesses (before the chat witnesses stop). */
  void checkpointNow() {
    ((CheckpointingAuditTrail) audit).checkpointNow();
  }

  @Override
  public void close() {
    if (replicas != null) StartupTrace.step("replicas close", replicas::close); // leadership first: a follower takes over
    StartupTrace.step("engine close", engines::close);
    StartupTrace.step("audit close (closing checkpoint)", audit::close); // writes the closing checkpoint
  }

  private static void closeQuietly(Object closeable) {
    try {
      if (closeable instanceof AutoCloseable c) c.close();
    } catch (Exception e) {
      log.debug("engine close: {}", e.toString());
    }
  }
}
