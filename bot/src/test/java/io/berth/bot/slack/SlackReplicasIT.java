package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.postgres.PostgresSharedStore;
import io.berth.core.policy.GroupMemberships;
import io.berth.core.testing.PostgresCluster;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Berth replicas answering Slack behind one URL, sharing the deliveries they handled in PostgreSQL
 * (as replicas whose audit is in PostgreSQL do): the same delivery, and its retry, sent to both
 * replicas runs once. With each replica's own memory (as before) it ran on each.
 */
class SlackReplicasIT {
  private static PostgresCluster cluster;
  private static PostgresSharedStore storeA;
  private static PostgresSharedStore storeB;
  private static SlackFixture a;
  private static SlackFixture b;
  private static TestContainers containers;

  @BeforeAll
  static void twoReplicas() throws Exception {
    cluster = PostgresCluster.start();
    var settings = cluster.createBerthDatabase();
    storeA = PostgresSharedStore.open(settings, cluster.password(), Clock.systemUTC());
    storeB = PostgresSharedStore.open(settings, cluster.password(), Clock.systemUTC());
    containers = new TestContainers();
    a = new SlackFixture(UnaryOperator.identity(), "http", List.of(), Clock.systemUTC(), SlackFixture.roles(),
        GroupMemberships.none(), storeA);
    b = new SlackFixture(UnaryOperator.identity(), "http", List.of(), Clock.systemUTC(), SlackFixture.roles(),
        GroupMemberships.none(), storeB);
  }

  @AfterAll
  static void close() {
    for (AutoCloseable c : new AutoCloseable[] {a, b, containers, storeA, storeB, cluster}) {
      try {
        if (c != null) c.close();
      } catch (Exception ignored) {
        // best effort: each closes what it owns
      }
    }
  }

  @Test
  void theSameDeliverySentToBothReplicasExecutesOnce() throws Exception {
    String name = containers.name("replicas");
    String url = a.slack.newResponseUrl();
    String body = a.slashBody(SlackFixture.OPERATOR,
        "run --rm -l berth.test=true --name " + name + " " + TestContainers.IMAGE + " echo once", url);

    assertThat(a.postSigned(body, Map.of()).statusCode()).isEqualTo(200);
    // Slack retries when the ack was late; the load balancer sends the retry to the other replica
    assertThat(b.postSigned(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
        .isEqualTo(200);
    assertThat(b.postSigned(body, Map.of()).statusCode()).isEqualTo(200);

    a.answer(url);
    // a later command on each replica completes, so a second run of the first would show by now
    a.answer(a.slash(SlackFixture.OPERATOR, "ps"));
    b.answer(b.slash(SlackFixture.OPERATOR, "ps"));
    assertThat(a.executions("run", name) + b.executions("run", name)).isEqualTo(1);
    assertThat(a.slack.calls(URI.create(url).getPath())).hasSize(1);
  }
}
