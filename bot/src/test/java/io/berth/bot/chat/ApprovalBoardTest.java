package io.berth.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.approval.InMemoryApprovalStore;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.model.Subscription;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.core.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The board posts a held request once per platform however many boards hear it (one per replica, all on one
 * approval store), only when its platform can post, catches up on what it could not post, and edits what it posted.
 */
class ApprovalBoardTest {
  private final TestClock clock = TestClock.at("2026-12-01T04:00:00Z");
  private final InMemoryApprovalStore shared = new InMemoryApprovalStore(clock); // what the replicas share
  private final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "prod-web", "running", Map.of("env", "prod"));
  private final ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          otto: { role: operator, identities: { slack: [U_O] } }
          ada:  { role: admin, identities: { slack: [U_A] } }
        approvals:
          rules:
            prod-restarts: { commands: [restart], containers: { labels: { env: prod } }, approvers: [admin] }
      """, Map.of()).policy());
  private final List<ExecutorService> threads = new ArrayList<>();
  private final List<Subscription> watching = new ArrayList<>();

  /** A platform that records what it posts and edits. */
  static final class Recorded implements ApprovalBoard.Surface<String> {
    final List<String> posts = new CopyOnWriteArrayList<>();
    final List<String> edits = new CopyOnWriteArrayList<>();
    volatile boolean ready = true;
    volatile boolean sole;
    /** Posts still to fail (the platform answering 500), and every post tried. */
    final java.util.concurrent.atomic.AtomicInteger failPosts = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger tried = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Source platform() {
      return Source.DISCORD;
    }

    @Override
    public String post(String channel, Reply reply) {
      tried.incrementAndGet();
      if (failPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new IllegalStateException("500: Internal Server Error");
      posts.add(channel + ": " + reply);
      return channel + "#" + posts.size();
    }

    @Override
    public String keep(String posted) {
      return posted;
    }

    @Override
    public String kept(String text) {
      return text;
    }

    @Override
    public void edit(String posted, Reply reply) {
      edits.add(posted + ": " + reply);
    }

    @Override
    public boolean ready() {
      return ready;
    }

    @Override
    public boolean soleBoard() {
      return sole;
    }
  }

  private CommandService replica() {
    return new CommandService(new PicocliCommandLanguage(clock), policy, new InMemoryAuditTrail(), engine,
        CoreLimits.DEFAULTS, clock, shared);
  }

  private ApprovalBoard<String> board(CommandService replica, Recorded surface) {
    ExecutorService inOrder = Executors.newSingleThreadExecutor();
    threads.add(inOrder);
    ApprovalBoard<String> board = new ApprovalBoard<>(new Conversation(replica, new PlainTextRenderer(clock)), surface,
        List.of("C_APPROVALS"), inOrder);
    watching.add(replica.watchApprovals(board));
    return board;
  }

  /** Waits until every board has shown what it was told. */
  private void settle() throws Exception {
    for (ExecutorService t : threads) t.submit(() -> {}).get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    watching.forEach(Subscription::close);
    threads.forEach(ExecutorService::shutdownNow);
  }

  private static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  @Test
  void boards_of_one_platform_on_several_replicas_post_a_request_once_and_its_poster_edits_it() throws Exception {
    CommandService a = replica();
    CommandService b = replica();
    Recorded onA = new Recorded();
    Recorded onB = new Recorded();
    board(a, onA);
    board(b, onB);

    Outcome held = b.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
    assertThat(held).isInstanceOf(Outcome.ApprovalRequired.class);
    settle();
    assertThat(onA.posts.size() + onB.posts.size()).as("posted once in all").isEqualTo(1);

    assertThat(a.approve(slack("U_A"), held.requestId(), ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    settle();
    Recorded poster = onA.posts.isEmpty() ? onB : onA;
    Recorded other = poster == onA ? onB : onA;
    assertThat(poster.edits).isNotEmpty().last().asString().contains("ran (succeeded)");
    assertThat(other.edits).as("it posted nothing, so it edits nothing").isEmpty();
  }

  @Test
  void a_platform_that_cannot_post_yet_claims_nothing_and_posts_on_catching_up() throws Exception {
    CommandService replica = replica();
    Recorded connecting = new Recorded();
    connecting.ready = false;
    ApprovalBoard<String> board = board(replica, connecting);

    Outcome held = replica.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
    settle();
    assertThat(connecting.posts).isEmpty();

    connecting.ready = true;
    board.announcePending();
    board.announcePending(); // connected twice (a lost session rebuilt): still once
    settle();
    assertThat(connecting.posts).hasSize(1).first().asString().contains("C_APPROVALS", held.requestId());
  }

  @Test
  void a_request_decided_before_any_board_posted_it_is_not_posted() throws Exception {
    CommandService replica = replica();
    Outcome held = replica.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
    replica.reject(slack("U_A"), held.requestId());
    Recorded late = new Recorded();
    board(replica, late).announcePending();
    settle();
    assertThat(late.posts).isEmpty();
  }

  /** A leader change: the old leader's board posted, the new leader's (the platform's sole board) edits that message. */
  @Test
  void a_sole_board_edits_what_another_replicas_board_posted() throws Exception {
    CommandService a = replica();
    CommandService b = replica();
    Recorded oldLeader = new Recorded();
    oldLeader.sole = true;
    board(a, oldLeader);
    Outcome held = b.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
    settle();
    assertThat(oldLeader.posts).hasSize(1);
    watching.forEach(Subscription::close); // the old leader's bot closed
    watching.clear();

    Recorded newLeader = new Recorded();
    newLeader.sole = true;
    board(b, newLeader);
    assertThat(a.approve(slack("U_A"), held.requestId(), ProgressListener.IGNORE)).isInstanceOf(Outcome.Succeeded.class);
    settle();
    assertThat(newLeader.posts).as("not posted again").isEmpty();
    assertThat(newLeader.edits).isNotEmpty().last().asString().startsWith("C_APPROVALS#1: ").contains("ran (succeeded)");
  }

  @Test
  void a_post_that_fails_is_tried_again_and_given_up_after_three_tries() throws Exception {
    CommandService replica = replica();
    Recorded flaky = new Recorded();
    flaky.failPosts.set(1);
    board(replica, flaky);
    replica.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE);
    settle();
    assertThat(flaky.posts).as("posted on the second try").hasSize(1);
    assertThat(flaky.tried).hasValue(2);

    flaky.failPosts.set(10);
    replica.submit(slack("U_O"), "restart prod-web", ProgressListener.IGNORE); // a second request
    settle();
    assertThat(flaky.posts).hasSize(1);
    assertThat(flaky.tried).as("three tries, then given up").hasValue(5);
  }
}
