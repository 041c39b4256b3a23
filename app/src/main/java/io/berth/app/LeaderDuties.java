package io.berth.app;

import io.berth.core.replica.Leadership;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the leading replica does (the Discord gateway connection, the alert feed): started when
 * this replica gains leadership, closed when it loses it, so it runs on one replica at a time.
 */
final class LeaderDuties implements Leadership.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderDuties.class);

  private final String name;
  private final Supplier<AutoCloseable> start;
  private AutoCloseable running;

  /** @param start starts the duty and returns how to stop it (null: nothing to run) */
  LeaderDuties(String name, Supplier<AutoCloseable> start) {
    this.name = name;
    this.start = start;
  }

  @Override
  public synchronized void gained() {
    if (running != null) return;
    running = start.get();
    if (running != null) log.info("{}: started on this replica (it leads)", name);
  }

  @Override
  public synchronized void lost() {
    close();
  }

  @Override
  public synchronized void close() {
    if (running == null) return;
    try {
      running.close();
      log.info("{}: stopped on this replica (it no longer leads)", name);
    } catch (Exception e) {
      log.warn("{}: stopping failed: {}", name, e.toString());
    }
    running = null;
  }
}
