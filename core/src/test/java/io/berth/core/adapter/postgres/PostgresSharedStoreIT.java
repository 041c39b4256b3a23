package io.berth.core.adapter.postgres;

import io.berth.core.replica.SharedStore;
import io.berth.core.replica.SharedStoreContract;
import io.berth.core.testing.PostgresForClass;
import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared store contract on PostgreSQL: two stores (two replicas) on one fresh database per test. */
class PostgresSharedStoreIT extends SharedStoreContract {
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();
  private final TestClock clock = new TestClock(Instant.now());
  private PostgresSharedStore a;
  private PostgresSharedStore b;

  @BeforeEach
  void twoReplicas() throws Exception {
    var settings = postgres.cluster().createBerthDatabase();
    a = PostgresSharedStore.open(settings, postgres.cluster().password(), clock);
    b = PostgresSharedStore.open(settings, postgres.cluster().password(), clock);
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
    return clock.instant();
  }

  @Override
  protected void advanceSeconds(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
  }
}
