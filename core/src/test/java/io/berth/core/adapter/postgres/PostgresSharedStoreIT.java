package io.berth.core.adapter.postgres;

import io.berth.core.replica.SharedStore;
import io.berth.core.replica.SharedStoreContract;
import io.berth.core.testing.PostgresCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The shared store contract on PostgreSQL: two stores (two replicas) on one fresh database per test. */
class PostgresSharedStoreIT extends SharedStoreContract {
  private static PostgresCluster cluster;
  private volatile Instant now = Instant.now();
  private final Clock clock = new Clock() {
    public ZoneOffset getZone() { return ZoneOffset.UTC; }
    public Clock withZone(java.time.ZoneId z) { return this; }
    public Instant instant() { return now; }
  };
  private PostgresSharedStore a;
  private PostgresSharedStore b;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = PostgresCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) cluster.close();
  }

  @BeforeEach
  void twoReplicas() throws Exception {
    var settings = PostgresAuditTrail.Settings.of(cluster.url(cluster.createDatabase()), PostgresCluster.USER);
    PostgresAuditTrail.open(settings, cluster.password()).close(); // the audit store creates the schema
    a = PostgresSharedStore.open(settings, cluster.password(), clock);
    b = PostgresSharedStore.open(settings, cluster.password(), clock);
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  @Override
  protected SharedStore first() {
    return a;
  }

  @Override
  protected SharedStore second() {
    return b;
  }

  @Override
  protected Instant now() {
    return now;
  }

  @Override
  protected void advanceSeconds(long seconds) {
    now = now.plus(Duration.ofSeconds(seconds));
  }
}
