package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * network and volume commands on the real engine, next to the docker CLI on the same objects: the
 * same table rows and the same inspect JSON; names outside docker's grammar never reach it; scope
 * keeps a volume of another team's container out of reach. Everything carries this run's prefix.
 */
class NetworkVolumeIT {
  static final Caller ADA = new Caller(Source.CLI, "ada", "ada", Location.NOWHERE);
  static final Caller PAM = new Caller(Source.CLI, "pam", "pam", Location.NOWHERE);
  static TestEngine env;
  static CommandService core;
  static final PlainTextRenderer TEXT = new PlainTextRenderer();

  @BeforeAll
  static void berth() {
    env = new TestEngine("netvol-it");
    core = new CommandService(new PicocliCommandLanguage(), new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin, cli: [ada] }, pam: { role: admin, cli: [pam], scope: { names: [\""
            + env.prefix() + "-pam-*\"] } } } }", Map.of()).policy()),
        new InMemoryAuditTrail(), env.engine(), CoreLimits.DEFAULTS, Clock.systemUTC());
  }

  @AfterAll
  static void cleanUp() {
    for (var n : env.docker().listNetworksCmd().exec()) {
      if (n.getName().startsWith(env.prefix())) env.docker().removeNetworkCmd(n.getId()).exec();
    }
    env.close();
  }

  /** Runs as {@code who}, confirming when the policy asks (as {@code --yes} does). */
  static Outcome run(Caller who, String text) {
    Outcome o = core.submit(who, text, p -> { });
    if (o instanceof Outcome.ConfirmationRequired c) o = core.confirm(who, c.token(), p -> { });
    return o;
  }

  static String ok(Caller who, String text) {
    Outcome o = run(who, text);
    assertThat(o).as(text).isInstanceOf(Outcome.Succeeded.class);
    return TEXT.render(o);
  }

  static String docker(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "docker";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  @Test
  void aNetworkIsCreatedListedInspectedAndRemovedAsWithDocker() throws Exception {
    String name = env.name("net");
    String id = ok(ADA, "network create --internal --label berth.test=true --label " + env.prefix() + "=1 " + name).strip();
    assertThat(id).matches("[0-9a-f]{64}");

    String table = ok(ADA, "network ls --filter name=" + name);
    assertThat(table).isEqualTo(docker("network", "ls", "--filter", "name=" + name));
    assertThat(ok(ADA, "network ls -q --filter label=" + env.prefix())).isEqualTo(id.substring(0, 12) + "\n");
    String inspect = ok(ADA, "network inspect " + name);
    assertThat(inspect).isEqualTo(docker("network", "inspect", name)).contains("\"Internal\": true");

    assertThat(ok(ADA, "network rm " + name)).isEqualTo(name + "\n");
    assertThat(env.docker().listNetworksCmd().withNameFilter(name).exec()).noneMatch(n -> n.getName().equals(name));
  }

  @Test
  void thePredefinedNetworksStayAndBadNamesNeverReachTheEngine() {
    assertThat(run(ADA, "network rm bridge")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("bridge is a pre-defined network and cannot be removed"));
    assertThat(env.docker().listNetworksCmd().withNameFilter("bridge").exec()).isNotEmpty();
    String evil = env.prefix() + "/x";
    assertThat(run(ADA, "network create " + evil)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.kind()).isEqualTo(Failure.USAGE));
    assertThat(env.docker().listNetworksCmd().exec()).noneMatch(n -> n.getName().startsWith(env.prefix() + "/"));
    // as docker: "[]" on stdout, the error on stderr, exit 1
    assertThat(run(ADA, "network inspect " + env.name("missing"))).isInstanceOfSatisfying(Outcome.Succeeded.class,
        o -> assertThat(o.result().errors()).containsExactly("Error: network " + env.name("missing") + " not found"));
  }

  @Test
  void volumesAreCreatedListedInspectedAndPrunedAsWithDocker() throws Exception {
    String v1 = env.name("v1");
    String label = env.prefix() + "-prune";
    assertThat(ok(ADA, "volume create --label berth.test=true --label " + label + "=1 " + v1)).isEqualTo(v1 + "\n");
    assertThat(ok(ADA, "volume ls --filter label=" + label)).isEqualTo(docker("volume", "ls", "--filter", "label=" + label));
    assertThat(ok(ADA, "volume inspect " + v1)).isEqualTo(docker("volume", "inspect", v1));
    assertThat(ok(ADA, "volume prune --filter label=" + label)).isEqualTo("Deleted Volumes:\n" + v1 + "\n\nTotal reclaimed space: 0B\n");
    assertThat(run(ADA, "volume inspect " + v1)).isInstanceOfSatisfying(Outcome.Succeeded.class,
        o -> assertThat(o.result().errors()).containsExactly("Error: get " + v1 + ": no such volume"));
  }

  @Test
  void aVolumeOfAContainerOutsideTheScopeCannotBeSeenOrRemoved() {
    String theirs = env.name("theirs-data");
    String mine = env.name("pam-data");
    env.docker().createVolumeCmd().withName(theirs).withLabels(env.labels()).exec();
    env.docker().createVolumeCmd().withName(mine).withLabels(env.labels()).exec();
    env.docker().createContainerCmd(TestEngine.BUSYBOX).withName(env.name("theirs")).withLabels(env.labels())
        .withCmd("true").withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(theirs, new Volume("/data")))).exec();

    String listed = ok(PAM, "volume ls -q --filter name=" + env.prefix());
    assertThat(listed).contains(mine).doesNotContain(theirs);
    assertThat(run(PAM, "volume rm -f " + theirs)).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("volume " + theirs + " belongs to a container outside what you may use"));
    assertThat(env.docker().inspectVolumeCmd(theirs).exec().getName()).isEqualTo(theirs);
    assertThat(ok(PAM, "volume rm " + mine)).isEqualTo(mine + "\n");
  }
}
