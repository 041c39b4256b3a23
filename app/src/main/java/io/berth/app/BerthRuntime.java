package io.berth.app;

import io.berth.core.adapter.docker.DockerJavaEngine;
import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditTrail;
import io.berth.core.config.BerthConfig;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.policy.WebAccounts;
import io.berth.core.service.CommandService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core, wired from a configuration: engine adapter, audit trail, command language, policy and
 * the command service on top. The launcher is the only place that knows the concrete classes.
 */
final class BerthRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BerthRuntime.class);

  final BerthConfig config;
  final ContainerEngine engine;
  final AuditTrail audit;
  final ConfiguredPolicy policy;
  final CommandService commands;

  private BerthRuntime(BerthConfig config, ContainerEngine engine, AuditTrail audit, ConfiguredPolicy policy,
      CommandService commands) {
    this.config = config;
    this.engine = engine;
    this.audit = audit;
    this.policy = policy;
    this.commands = commands;
  }

  /**
   * Wires the core. {@code serving} is true only for {@code serve}: it alone closes requests a
   * previous process left open, since a one-shot CLI may run beside a live server.
   */
  static BerthRuntime start(BerthConfig config, boolean serving) {
    Clock clock = Clock.systemUTC();
    var endpoint = config.engine().primary();
    ContainerEngine engine = new DockerJavaEngine(endpoint.name(), endpoint.hostOrDefault());
    AuditTrail audit = SqliteAuditTrail.open(config.data().auditDb());
    if (serving) {
      int interrupted = audit.closeInterrupted();
      if (interrupted > 0) log.warn("{} request(s) were interrupted by the last shutdown; marked in the audit trail", interrupted);
    }
    WebAccounts accounts = new WebAccounts(config.policy());
    ConfiguredPolicy policy = new ConfiguredPolicy(config.policy(), accounts);
    var language = new PicocliCommandLanguage(clock);
    var service = new CommandService(language, policy, audit, engine, config.coreLimits(), clock);
    return new BerthRuntime(config, engine, audit, policy, service);
  }

  @Override
  public void close() {
    try {
      if (engine instanceof AutoCloseable c) c.close();
    } catch (Exception e) {
      log.debug("engine close: {}", e.toString());
    }
    audit.close();
  }
}
