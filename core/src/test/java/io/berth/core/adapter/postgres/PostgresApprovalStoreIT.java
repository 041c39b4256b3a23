package io.berth.core.adapter.postgres;

import io.berth.core.approval.ApprovalStore;
import io.berth.core.approval.ApprovalStoreContract;
import io.berth.core.approval.SharedApprovalStore;
import io.berth.core.replica.Sealer;
import io.berth.core.testing.PostgresForClass;
import io.berth.core.testing.TestClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The approval store contract on PostgreSQL: two replicas' stores on one fresh database per test. */
class PostgresApprovalStoreIT extends ApprovalStoreContract {
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();
  private final TestClock clock = new TestClock(Instant.now());
  private PostgresSharedStore sharedA;
  private PostgresSharedStore sharedB;
  private ApprovalStore a;
  private ApprovalStore b;

  @BeforeEach
  void twoReplicas() throws Exception {
    var settings = postgres.cluster().createBerthDatabase();
    sharedA = PostgresSharedStore.open(settings, postgres.cluster().password(), clock);
    sharedB = PostgresSharedStore.open(settings, postgres.cluster().password(), clock);
    byte[] key = new byte[32];
    key[5] = 42;
    a = new SharedApprovalStore(sharedA, new Sealer(key), java.time.Duration.ofMillis(100));
    b = new SharedApprovalStore(sharedB, new Sealer(key), java.time.Duration.ofMillis(100));
  }

  @AfterEach
  void close() {
    sharedA.close();
    sharedB.close();
  }

  @Override
  protected ApprovalStore first() {
    return a;
  }

  @Override
  protected ApprovalStore second() {
    return b;
  }

  @Override
  protected Instant now() {
    return clock.instant();
  }
}
