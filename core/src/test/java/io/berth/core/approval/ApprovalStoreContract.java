package io.berth.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApprovalStore} must do, run on each: in memory ({@code InMemoryApprovalStoreTest}, one
 * store twice), on the replicas' shared store in memory ({@code SharedApprovalStoreTest}) and on PostgreSQL
 * ({@code PostgresApprovalStoreIT}), there with two stores on one database standing for two replicas.
 */
public abstract class ApprovalStoreContract {
  /** Two stores over the same requests (two replicas). */
  protected abstract ApprovalStore first();

  protected abstract ApprovalStore second();

  /** The clock's time now (requests are made relative to it). */
  protected abstract Instant now();

  private static final PicocliCommandLanguage LANGUAGE = new PicocliCommandLanguage();

  protected ApprovalRequest pending(String text, Instant requestedAt, int needed) {
    return new ApprovalRequest(UUID.randomUUID().toString(), new BerthUser("otto", "operator"),
        new Caller(Source.SLACK, "U_O", "Otto", Location.channel("T1", "C1")), LANGUAGE.parse(text), text,
        "prod-web", "prod-restarts", List.of("admin"), needed, requestedAt, requestedAt.plus(Duration.ofMinutes(10)),
        List.of(), ApprovalRequest.State.PENDING, null, null, 0, "ctx-a");
  }

  @Test
  void a_request_added_on_one_replica_is_found_unchanged_on_the_other() {
    ApprovalRequest r = pending("run -e PASSWORD=hunter2 --name web busybox", now(), 2);
    first().add(r);
    assertThat(second().find(r.id())).contains(r);
    assertThat(second().find("no-such-id")).isEmpty();
    assertThat(second().find(null)).isEmpty();
    ApprovalRequest anonymous = new ApprovalRequest(UUID.randomUUID().toString(), new BerthUser("cli", "admin"), null,
        LANGUAGE.parse("restart web"), null, null, null, List.of(), 1, now(), now().plusSeconds(60), List.of(),
        ApprovalRequest.State.PENDING, null, null, 0);
    first().add(anonymous);
    assertThat(second().find(anonymous.id())).as("nulls survive").contains(anonymous);
  }

  @Test
  void an_id_is_added_once() {
    ApprovalRequest r = pending("restart prod-web", now(), 1);
    first().add(r);
    assertThatThrownBy(() -> second().add(r)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exists already");
  }

  @Test
  void an_approval_moves_the_version_on_and_a_stale_one_is_refused() {
    ApprovalRequest r = pending("restart prod-web", now(), 2);
    first().add(r);
    ApprovalRequest once = r.approvedBy("ada");
    assertThat(second().replace(r, once)).isTrue();
    assertThat(first().find(r.id())).contains(once);
    assertThat(first().replace(r, r.approvedBy("bea"))).as("read before ada's approval").isFalse();
    ApprovalRequest twice = first().find(r.id()).orElseThrow().approvedBy("bea");
    assertThat(first().replace(once, twice)).isTrue();
    assertThat(second().find(r.id()).orElseThrow()).satisfies(x -> {
      assertThat(x.approvals()).containsExactly("ada", "bea");
      assertThat(x.state()).isEqualTo(ApprovalRequest.State.RUNNING);
      assertThat(x.decidedBy()).isEqualTo("bea");
    });
    assertThat(second().replace(pending("restart prod-web", now(), 1), once)).as("unknown id").isFalse();
  }

  @Test
  void a_decision_is_taken_once_and_closed_requests_are_not_pending() {
    ApprovalRequest r = pending("restart prod-web", now(), 1);
    first().add(r);
    assertThat(second().replace(r, r.closed(ApprovalRequest.State.REJECTED, "ada", "rejected by ada"))).isTrue();
    assertThat(first().replace(r, r.approvedBy("bea"))).isFalse();
    assertThat(first().find(r.id()).orElseThrow().state()).isEqualTo(ApprovalRequest.State.REJECTED);
    assertThat(first().pending()).extracting(ApprovalRequest::id).doesNotContain(r.id());
  }

  @Test
  void expired_requests_stay_pending_until_closed_then_read_expired() {
    ApprovalRequest old = pending("restart prod-web", now().minus(Duration.ofMinutes(11)), 1);
    first().add(old);
    assertThat(second().pending()).extracting(ApprovalRequest::id).contains(old.id());
    assertThat(old.expiredAt(now())).isTrue();
    assertThat(second().replace(old, old.closed(ApprovalRequest.State.EXPIRED, null, "expired"))).isTrue();
    assertThat(first().pending()).extracting(ApprovalRequest::id).doesNotContain(old.id());
    assertThat(first().find(old.id()).orElseThrow().state()).isEqualTo(ApprovalRequest.State.EXPIRED);
  }

  @Test
  void pending_lists_open_requests_oldest_first_on_every_replica() {
    ApprovalRequest later = pending("restart prod-web", now().minusSeconds(10), 1);
    ApprovalRequest earlier = pending("stop prod-web", now().minusSeconds(20), 1);
    ApprovalRequest done = pending("kill prod-web", now().minusSeconds(30), 1);
    first().add(later);
    second().add(earlier);
    first().add(done);
    first().replace(done, done.approvedBy("ada"));
    List<String> ids = second().pending().stream().map(ApprovalRequest::id)
        .filter(List.of(later.id(), earlier.id(), done.id())::contains).toList();
    assertThat(ids).containsExactly(earlier.id(), later.id());
  }

  @Test
  void watch_hears_what_is_added_and_changed_until_closed() {
    List<ApprovalRequest> heard = new CopyOnWriteArrayList<>();
    var sub = first().watch(heard::add);
    ApprovalRequest r = pending("restart prod-web", now(), 1);
    first().add(r);
    first().replace(r, r.approvedBy("ada"));
    first().replace(r, r.approvedBy("bea")); // refused: not heard
    sub.close();
    first().add(pending("stop prod-web", now(), 1));
    assertThat(heard).extracting(ApprovalRequest::version).containsExactly(0L, 1L);
  }

  /**
   * A decision taken on one replica reaches a requester waiting on the other (where it was asked): its watchers hear
   * the request's versions in order, each at most once, ending with the newest, within a few seconds.
   */
  @Test
  void a_decision_taken_on_the_other_replica_reaches_this_ones_watchers_in_order_once() throws Exception {
    List<ApprovalRequest> heard = new CopyOnWriteArrayList<>();
    var sub = first().watch(heard::add);
    try {
      ApprovalRequest r = pending("restart prod-web", now(), 2);
      first().add(r);
      awaitHeard(heard, r.id(), 0);
      ApprovalRequest once = r.approvedBy("ada");
      assertThat(second().replace(r, once)).isTrue();
      ApprovalRequest twice = once.approvedBy("bea");
      assertThat(second().replace(once, twice)).isTrue();
      awaitHeard(heard, r.id(), 2);
      Thread.sleep(300); // a late duplicate would arrive within a few polls
      List<Long> versions = heard.stream().filter(h -> h.id().equals(r.id())).map(ApprovalRequest::version).toList();
      assertThat(versions).isSorted().doesNotHaveDuplicates().startsWith(0L).endsWith(2L);
      assertThat(heard.get(heard.size() - 1)).isEqualTo(twice);
    } finally {
      sub.close();
    }
  }

  @Test
  void a_request_held_on_the_other_replica_reaches_this_ones_watchers() throws Exception {
    List<ApprovalRequest> heard = new CopyOnWriteArrayList<>();
    var sub = first().watch(heard::add);
    try {
      ApprovalRequest r = pending("restart prod-web", now(), 1);
      second().add(r); // the leader's board must hear what a follower holds, to announce it
      awaitHeard(heard, r.id(), 0);
      Thread.sleep(300); // a late duplicate would arrive within a few polls
      assertThat(heard).filteredOn(h -> h.id().equals(r.id())).containsExactly(r);
    } finally {
      sub.close();
    }
  }

  @Test
  void a_request_is_announced_once_per_platform_whichever_replica_claims_it() {
    ApprovalRequest r = pending("restart prod-web", now(), 2);
    first().add(r);
    assertThat(second().announce(r, "discord")).isTrue();
    assertThat(first().announce(r, "discord")).as("claimed on the other replica").isFalse();
    assertThat(second().announce(r, "discord")).as("claimed on this one").isFalse();
    assertThat(first().announce(r, "slack")).as("each platform is announced on its own").isTrue();
    ApprovalRequest once = r.approvedBy("ada");
    assertThat(first().replace(r, once)).as("announcing is no change of the request").isTrue();
    assertThat(second().announce(once, "discord")).as("a later version is the same request").isFalse();
    ApprovalRequest other = pending("restart prod-web", now(), 2);
    first().add(other);
    assertThat(first().announce(other, "discord")).as("another request").isTrue();
  }

  /** A new leader's board edits what the old leader posted: the messages are kept with the claim, per platform. */
  @Test
  void the_messages_announcing_a_request_are_found_on_every_replica_per_platform() {
    ApprovalRequest r = pending("restart prod-web", now(), 2);
    first().add(r);
    assertThat(second().announcedMessages(r.id(), "discord")).as("nothing announced").isEmpty();
    second().announced(r, "discord", List.of("C1/M1"));
    assertThat(first().announcedMessages(r.id(), "discord")).as("nothing kept without a claim").isEmpty();
    assertThat(second().announce(r, "discord")).isTrue();
    assertThat(first().announcedMessages(r.id(), "discord")).as("claimed, not posted yet").isEmpty();
    second().announced(r, "discord", List.of("{\"channel\":\"C1\",\"message\":\"M1\"}", "C2/M2"));
    assertThat(first().announcedMessages(r.id(), "discord"))
        .containsExactly("{\"channel\":\"C1\",\"message\":\"M1\"}", "C2/M2");
    assertThat(first().announcedMessages(r.id(), "slack")).as("another platform").isEmpty();
    assertThat(first().announce(r, "discord")).as("still claimed once").isFalse();
    ApprovalRequest once = r.approvedBy("ada");
    assertThat(first().replace(r, once)).as("keeping messages is no change of the request").isTrue();
    assertThat(first().announcedMessages(r.id(), "discord")).hasSize(2);
    assertThat(first().announcedMessages("no-such-id", "discord")).isEmpty();
    assertThat(first().announcedMessages(null, "discord")).isEmpty();
  }

  @Test
  void replicas_claiming_one_announcement_at_once_get_it_once() throws Exception {
    int replicas = 8;
    ExecutorService pool = Executors.newFixedThreadPool(replicas);
    try {
      for (int round = 0; round < 5; round++) {
        ApprovalRequest r = pending("restart prod-web", now(), 1);
        first().add(r);
        CyclicBarrier together = new CyclicBarrier(replicas);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
          ApprovalStore s = i % 2 == 0 ? first() : second();
          claims.add(() -> {
            together.await(10, TimeUnit.SECONDS);
            return s.announce(r, "discord");
          });
        }
        int won = 0;
        for (Future<Boolean> f : pool.invokeAll(claims)) if (f.get()) won++;
        assertThat(won).as("round " + round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitHeard(List<ApprovalRequest> heard, String id, long version) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heard.stream().noneMatch(h -> h.id().equals(id) && h.version() >= version)) {
      if (System.nanoTime() > until) {
        throw new AssertionError("version " + version + " of " + id + " not heard within 10 s; heard " + heard);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void approvers_pressing_at_once_on_two_replicas_count_once() throws Exception {
    ApprovalRequest r = pending("restart prod-web", now(), 2);
    first().add(r);
    int approvers = 8;
    CyclicBarrier allRead = new CyclicBarrier(approvers);
    ExecutorService pool = Executors.newFixedThreadPool(approvers);
    try {
      List<Callable<Boolean>> presses = new ArrayList<>();
      for (int i = 0; i < approvers; i++) {
        ApprovalStore s = i % 2 == 0 ? first() : second();
        String who = "admin" + i;
        presses.add(() -> {
          ApprovalRequest seen = s.find(r.id()).orElseThrow();
          allRead.await(10, TimeUnit.SECONDS); // every one read version 0 before any writes
          return s.replace(seen, seen.approvedBy(who));
        });
      }
      int won = 0;
      for (Future<Boolean> f : pool.invokeAll(presses)) if (f.get()) won++;
      assertThat(won).isEqualTo(1);
      ApprovalRequest after = second().find(r.id()).orElseThrow();
      assertThat(after.approvals()).hasSize(1);
      assertThat(after.version()).isEqualTo(1);
      assertThat(after.state()).isEqualTo(ApprovalRequest.State.PENDING);
    } finally {
      pool.shutdownNow();
    }
  }
}
