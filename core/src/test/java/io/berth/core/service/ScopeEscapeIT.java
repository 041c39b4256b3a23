package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.berth.core.audit.AuditEntry;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.Outcome;
import io.berth.core.result.RunOutput;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.TestEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks of issue 9 on the real engine: a user whose scope is {@code <prefix>-sam-*} tries to
 * reach a container outside it (with a secret in its environment and its volume) through the flags
 * of {@code run}. None may run, and the secret never appears in an answer or the audit trail.
 */
class ScopeEscapeIT {
  static final Caller SAM = new Caller(Source.CLI, "sam", "sam", Location.NOWHERE);
  static final String SECRET = "s3cret-" + UUID.randomUUID();

  static TestEngine env;
  static String victim;
  static String volume;
  static String own;
  static String ownVolume;

  @BeforeAll
  static void victimWithASecretAndAVolume() {
    env = new TestEngine("sec-run");
    victim = env.name("victim");
    volume = env.name("victim-data");
    own = env.name("sam-own");
    ownVolume = env.name("sam-data");
    start(victim, volume, "VICTIM_SECRET=" + SECRET, SECRET);
    start(own, ownVolume, "OWN_VALUE=mine", "mine");
  }

  /** A running busybox container with {@code env}, and {@code marker} in its volume at /data/marker. */
  static void start(String name, String volumeName, String envVar, String marker) {
    env.docker().createVolumeCmd().withName(volumeName).withLabels(env.labels()).exec();
    String id = env.docker().createContainerCmd(TestEngine.BUSYBOX).withName(name).withLabels(env.labels())
        .withEnv(envVar).withCmd("sh", "-c", "echo " + marker + " > /data/marker; sleep 300")
        .withHostConfig(HostConfig.newHostConfig().withIpcMode("shareable")
            .withBinds(new Bind(volumeName, new Volume("/data"))))
        .exec().getId();
    env.docker().startContainerCmd(id).exec();
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  /** Berth's core as sam sees it, with its own audit trail. */
  record Berth(CommandService core, InMemoryAuditTrail audit) {
    /** Submits {@code run --rm --name <prefix>-sam-N -l berth.test=true FLAGS busybox COMMAND} as sam. */
    Outcome run(String flags, String command) {
      String text = "run --rm --name " + env.name("sam-" + UUID.randomUUID().toString().substring(0, 6))
          + " -l berth.test=true " + flags.replace("VICTIM", victim).replace("VOLUME", volume).replace("OWNVOL", ownVolume)
          .replace("OWN", own) + " " + TestEngine.BUSYBOX + " " + command;
      return core.submit(SAM, text, p -> {});
    }

    void assertRefusedWithoutTheSecret(Outcome o) {
      assertThat(o).isNotInstanceOf(Outcome.Succeeded.class);
      assertThat(o.toString()).doesNotContain(SECRET);
      for (AuditEntry e : audit.entries()) assertThat(e.toString()).doesNotContain(SECRET);
    }
  }

  static Berth berth(String runGuards) {
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse("policy: { users: { sam: { role: admin, cli: [sam], "
        + "scope: { names: [\"" + env.prefix() + "-sam-*\"] } } }, run: { " + runGuards + " } }", Map.of()).policy());
    CoreLimits limits = new CoreLimits(Duration.ofSeconds(30), Duration.ofSeconds(5), 64 * 1024, 1000, List.of(),
        Duration.ofMinutes(5));
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    return new Berth(new CommandService(new PicocliCommandLanguage(), policy, audit, env.engine(), limits,
        Clock.systemUTC()), audit);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "--pid container:VICTIM | cat /proc/1/environ",
      "--pid=container:VICTIM | cat /proc/1/environ",
      "--network container:VICTIM | cat /proc/net/tcp",
      "--ipc container:VICTIM | ls /dev/shm",
      "-v VOLUME:/x | cat /x/marker",
      "-v VOLUME:/x:ro | cat /x/marker",
      "--volumes-from VICTIM | cat /data/marker",
      "--mount type=volume,src=VOLUME,dst=/x | cat /x/marker"})
  void aScopedUserCannotReachAnotherContainerThroughRunFlags(String attack) {
    String[] parts = attack.split("\\|");
    Berth berth = berth("");
    berth.assertRefusedWithoutTheSecret(berth.run(parts[0].strip(), parts[1].strip()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--pid container:VICTIM", "--network=container:VICTIM", "--ipc container:VICTIM"})
  void evenWithContainerNamespacesAllowedAnOutOfScopeContainerReadsAsNotFound(String flags) {
    Berth berth = berth("allowContainerNamespaces: true");
    Outcome o = berth.run(flags, "cat /proc/1/environ");
    berth.assertRefusedWithoutTheSecret(o);
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("No such container: " + victim));
    assertThat(berth.audit().entries()).extracting(AuditEntry::target).containsOnly(TestEngine.BUSYBOX + ", " + victim);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--pid container:OWN | cat /proc/1/environ", "-v OWNVOL:/x | cat /x/marker"})
  void theSameFlagsReachAContainerInScope(String attack) {
    String[] parts = attack.split("\\|");
    Outcome o = berth("allowContainerNamespaces: true").run(parts[0].strip(), parts[1].strip());
    assertThat(o).isInstanceOfSatisfying(Outcome.Succeeded.class,
        s -> assertThat(((RunOutput) s.result()).output()).contains("mine"));
  }
}
