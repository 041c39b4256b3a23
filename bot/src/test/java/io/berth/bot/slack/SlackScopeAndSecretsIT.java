package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.config.ConfigLoader;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a Slack user sees is bounded by policy: secrets never reach Slack, only the requester can
 * confirm (from an allowed channel, without burning the token elsewhere), and a scoped user's
 * answers never name containers outside the scope. Real Bolt app, real core, real Docker engine.
 */
class SlackScopeAndSecretsIT {
  static final String SCOPED = "USCOPED";
  static SlackFixture berth;
  static TestContainers containers;

  @BeforeAll
  static void start() throws Exception {
    containers = new TestContainers();
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users:
            ada: { role: admin, identities: { slack: [%s] } }
            sam: { role: admin, identities: { slack: [%s] }, scope: { names: ["%s"] } }
          channels: { slack: [C1] }
        """.formatted(SlackFixture.ADMIN, SCOPED, containers.name("in-*")), Map.of()).policy());
    berth = new SlackFixture(SlackScopeAndSecretsIT::imagesAlwaysPulled, "http", List.of(), Clock.systemUTC(), policy);
  }

  @AfterAll
  static void stop() {
    if (berth != null) berth.close();
    if (containers != null) containers.close();
  }

  /** Every run "pulls" (progress only; the image is local), so run posts and edits a progress message. */
  static ContainerEngine imagesAlwaysPulled(ContainerEngine real) {
    return (ContainerEngine) java.lang.reflect.Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(),
        new Class<?>[] {ContainerEngine.class}, (proxy, method, args) -> {
          if (method.getName().equals("imageExists")) return false;
          if (method.getName().equals("pull")) {
            ProgressListener l = (ProgressListener) args[1];
            for (int i = 1; i <= 5; i++) {
              l.on(new Progress.Layer("layer", "Downloading", (long) i, 5L));
              Thread.sleep(100);
            }
            return "Status: Image is up to date for " + args[0];
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void anEnvSecretReachesNoSlackMessageNorTheAudit() throws Exception {
    String secret = "s3cr3t-" + UUID.randomUUID();
    String name = containers.name("in-secret");
    String url = berth.slack.newResponseUrl();
    int postsBefore = berth.slack.calls("chat.postMessage").size();

    HttpResponse<String> ack = berth.postSigned(berth.slashBody(SlackFixture.ADMIN, "run --rm -l berth.test=true -e PASSWORD="
        + secret + " --name " + name + " " + TestContainers.IMAGE + " true", url), Map.of());
    SlackStandIn.Call answer = berth.answer(url);

    // Slack's JSON writer escapes "=" as \u003d
    assertThat(ack.body()).contains("-e PASSWORD").contains("***").doesNotContain(secret);
    assertThat(answer.body()).contains("ran `run").contains("-e PASSWORD").contains("***");
    List<SlackStandIn.Call> progress = berth.slack.calls("chat.postMessage").subList(postsBefore,
        berth.slack.calls("chat.postMessage").size());
    assertThat(progress).as("the run posted a progress message").isNotEmpty();
    assertThat(berth.slack.await(c -> c.method().equals("chat.update") && c.body().contains("done."), Duration.ofSeconds(10)))
        .isNotNull();
    assertThat(berth.slack.calls()).allSatisfy(c -> assertThat(c.body()).doesNotContain(secret));
    assertThat(berth.auditEntries()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(secret));
  }

  @Test
  void anotherUsersPressIsRefusedAndAPressFromAnotherChannelDoesNotBurnTheToken() throws Exception {
    String out = containers.run("out-confirm", true, "sleep", "300");
    String token = SlackHttpIT.buttonValue(berth.answer(berth.slash(SlackFixture.ADMIN, "rm -f " + out)).blocks(),
        BlockKitRenderer.CONFIRM);

    SlackStandIn.Call bySam = press(SCOPED, token, "C1");
    assertThat(bySam.field("response_type")).isEqualTo("ephemeral");
    assertThat(bySam.body()).contains("Only ada, who asked for it, can confirm this");
    assertThat(containers.exists(out)).isTrue();

    SlackStandIn.Call elsewhere = press(SlackFixture.ADMIN, token, "C9");
    assertThat(elsewhere.body()).contains("does not take commands in slack channel C9");
    assertThat(containers.exists(out)).isTrue();

    SlackStandIn.Call done = press(SlackFixture.ADMIN, token, "C1");
    assertThat(done.field("replace_original")).isEqualTo("true");
    assertThat(containers.exists(out)).isFalse();
    assertThat(berth.executions("rm", out)).isEqualTo(1);
  }

  @Test
  void anAmbiguousPrefixNeverNamesAContainerOutsideTheScope() throws Exception {
    String in = containers.run("in-prefix", true, "sleep", "300");
    String prefix = id(in).substring(0, 1);
    String out = null;
    for (int i = 0; i < 200 && out == null; i++) {
      String candidate = containers.name("out-prefix-" + i);
      DockerCli.Cli created = DockerCli.docker(List.of("create", "--label", "berth.test=true", "--name", candidate,
          TestContainers.IMAGE, "true"), Duration.ofSeconds(30));
      if (created.out().strip().startsWith(prefix)) {
        out = candidate;
      } else {
        DockerCli.docker(List.of("rm", "-f", candidate), Duration.ofSeconds(30));
      }
    }
    assertThat(out).as("an out-of-scope container whose id starts like " + in + "'s").isNotNull();

    SlackStandIn.Call forAda = berth.answer(berth.slash(SlackFixture.ADMIN, "inspect " + prefix));
    SlackStandIn.Call forSam = berth.answer(berth.slash(SCOPED, "inspect " + prefix));

    assertThat(forAda.body()).as("unscoped: docker's answer").contains("ambiguous").contains(out);
    assertThat(forSam.body()).doesNotContain(out);
  }

  @Test
  void aScopedUsersAuditNamesNoContainerOutsideTheScope() throws Exception {
    String in = containers.run("in-audited", true, "sleep", "300");
    String out = containers.run("out-audited", true, "sleep", "300");
    berth.answer(berth.slash(SlackFixture.ADMIN, "inspect " + in));
    berth.answer(berth.slash(SlackFixture.ADMIN, "inspect " + out));
    berth.answer(berth.slash(SlackFixture.ADMIN, "stop -t 0 " + out));

    SlackStandIn.Call forSam = berth.answer(berth.slash(SCOPED, "audit --limit 100 audited"));
    SlackStandIn.Call forAda = berth.answer(berth.slash(SlackFixture.ADMIN, "audit --limit 100 audited"));

    assertThat(forSam.body()).contains(in).doesNotContain(out);
    assertThat(forAda.body()).contains(in).contains(out);
  }

  private static String id(String name) {
    return DockerCli.docker(List.of("inspect", "--format", "{{.Id}}", name), Duration.ofSeconds(30)).out().strip();
  }

  private static SlackStandIn.Call press(String user, String token, String channel) throws Exception {
    String url = berth.slack.newResponseUrl();
    HttpResponse<String> ack = berth.postSigned(berth.actionBody(user, BlockKitRenderer.CONFIRM, token, url, channel),
        Map.of());
    assertThat(ack.statusCode()).isEqualTo(200);
    return berth.answer(url);
  }
}
