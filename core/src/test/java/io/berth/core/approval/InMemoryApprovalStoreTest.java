package io.berth.core.approval;

import io.berth.core.testing.TestClock;
import java.time.Instant;

class InMemoryApprovalStoreTest extends ApprovalStoreContract {
  private final TestClock clock = TestClock.at("2026-11-30T12:00:00Z");
  private final InMemoryApprovalStore store = new InMemoryApprovalStore(clock);

  @Override
  protected ApprovalStore first() {
    return store;
  }

  @Override
  protected ApprovalStore second() {
    return store; // one process: both "replicas" are the same map
  }

  @Override
  protected Instant now() {
    return clock.instant();
  }
}
