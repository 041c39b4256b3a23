package io.berth.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.Sealer;
import io.berth.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract on the shared store (two approval stores over one shared store: two replicas), and the sealing. */
class SharedApprovalStoreTest extends ApprovalStoreContract {
  private final TestClock clock = TestClock.at("2026-11-30T12:00:00Z");
  private final InMemorySharedStore shared = new InMemorySharedStore(1000, clock);
  private final byte[] key = new byte[32];
  private final SharedApprovalStore a = new SharedApprovalStore(shared, new Sealer(key), Duration.ofMillis(20));
  private final SharedApprovalStore b = new SharedApprovalStore(shared, new Sealer(key), Duration.ofMillis(20));

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

  @Test
  void a_pending_secret_is_sealed_and_another_key_sees_nothing() {
    ApprovalRequest r = pending("run -e PASSWORD=hunter2 --name web busybox", now(), 1);
    a.add(r);
    String stored = shared.get(SharedApprovalStore.SPACE, r.id()).orElseThrow();
    assertThat(stored).doesNotContain("hunter2").doesNotContain("PASSWORD").doesNotContain("otto");
    byte[] other = Arrays.copyOf(key, 32);
    other[0] = 1;
    SharedApprovalStore stranger = new SharedApprovalStore(shared, new Sealer(other));
    assertThat(stranger.find(r.id())).isEmpty();
    assertThat(stranger.pending()).isEmpty();
    assertThat(stranger.replace(r, r.approvedBy("ada"))).isFalse();
    assertThat(b.find(r.id())).contains(r);
  }

  @Test
  void a_closed_request_is_kept_a_day_past_its_expiry_then_forgotten() {
    ApprovalRequest r = pending("restart prod-web", now(), 1);
    a.add(r);
    a.replace(r, r.closed(ApprovalRequest.State.REJECTED, "ada", "rejected"));
    clock.advance(java.time.Duration.ofHours(23));
    assertThat(b.find(r.id())).isPresent();
    clock.advance(java.time.Duration.ofHours(2));
    assertThat(b.find(r.id())).isEmpty();
  }
}
