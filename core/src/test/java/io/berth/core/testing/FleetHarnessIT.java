package io.berth.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.testing.TestFleet.Node;
import io.berth.core.testing.TestFleet.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The fleet harness does what multi-endpoint tests rely on: a real three-node Swarm that schedules
 * onto both workers, a TLS engine that verifies clients, an ssh engine whose host key is checked, a
 * worker that can crash and come back, and a teardown that leaves nothing behind. One fleet for the
 * class (a start takes tens of seconds); the last test closes it. Not named TestFleetIT: surefire takes every
 * {@code Test*.java} for a unit test, and that name ran the fleet a second time in each build's unit phase.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
class FleetHarnessIT {
  private static TestFleet fleet;
  private static final String PREFIX = "bt-fleet-it-" + UUID.randomUUID().toString().substring(0, 6);

  @BeforeAll
  static void startFleet() throws Exception {
    fleet = TestFleet.start();
    System.out.printf("[FleetHarnessIT] fleet %s started in %.1f s%n", fleet.id(), fleet.startup().toMillis() / 1000.0);
  }

  @AfterAll
  static void closeFleet() {
    if (fleet != null) fleet.close(); // idempotent: the last test closed it already unless something failed first
  }

  @Test
  @Order(1)
  void theManagerSeesThreeReadyNodes() throws Exception {
    String nodes = fleet.dockerOk(fleet.manager(), "node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.ManagerStatus}}");
    assertThat(nodes.lines().map(String::strip).toList()).containsExactlyInAnyOrder(
        "fleet-" + fleet.id() + "-m1 Ready Leader",
        "fleet-" + fleet.id() + "-w1 Ready",
        "fleet-" + fleet.id() + "-w2 Ready");
  }

  @Test
  @Order(2)
  void aServiceOfFourReplicasRunsOnBothWorkersAndConverges() throws Exception {
    Node m = fleet.manager();
    String service = PREFIX + "-svc";
    try {
      fleet.dockerOk(m, "service", "create", "--detach", "--name", service, "--replicas", "4", "--no-resolve-image",
          "--label", "berth.test=true", "--container-label", "berth.test=true", "--stop-signal", "KILL",
          TestEngine.BUSYBOX, "sleep", "3600");
      Wait.until(() -> running(service).size() == 4, Wait.SOON);
      Set<String> nodes = Set.copyOf(running(service));
      assertThat(nodes).contains("fleet-" + fleet.id() + "-w1", "fleet-" + fleet.id() + "-w2");
      assertThat(fleet.dockerOk(m, "service", "ls", "--filter", "name=" + service, "--format", "{{.Replicas}}"))
          .isEqualTo("4/4");
    } finally {
      fleet.docker(m, "service", "rm", service);
    }
    Wait.until(() -> workerContainers().isEmpty(), Wait.SOON);
  }

  @Test
  @Order(3)
  void theTlsEngineAnswersAVerifiedClientAndRefusesOneWithoutACertificate() throws Exception {
    Path certs = fleet.tlsDir();
    assertThat(fleet.tlsHost()).matches("tcp://10\\.213\\.\\d+\\.14:2376");
    Result ok = run("docker", "--tlsverify", "--tlscacert", certs.resolve("ca.pem").toString(),
        "--tlscert", certs.resolve("cert.pem").toString(), "--tlskey", certs.resolve("key.pem").toString(),
        "-H", fleet.tlsHost(), "info", "--format", "{{.Name}}");
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output().strip()).isEqualTo("fleet-" + fleet.id() + "-tls");

    Result noCert = run("docker", "--tlsverify", "--tlscacert", certs.resolve("ca.pem").toString(),
        "-H", fleet.tlsHost(), "version", "--format", "{{.Server.Version}}");
    assertThat(noCert.exit()).isNotZero();
    assertThat(noCert.output()).contains("bad certificate");

    Result plain = run("docker", "-H", fleet.tlsHost(), "version", "--format", "{{.Server.Version}}");
    assertThat(plain.exit()).isNotZero();
    assertThat(plain.output()).contains("HTTP request to an HTTPS server");
  }

  @Test
  @Order(4)
  void theSshEngineAnswersThroughAForwardedSocketWithItsHostKeyChecked(@TempDir Path tmp) throws Exception {
    assertThat(fleet.sshHost()).matches("ssh://root@10\\.213\\.\\d+\\.15");
    try (TestFleet.SshTunnel tunnel = fleet.sshTunnel(tmp.resolve("ssh.sock"), fleet.sshKnownHosts())) {
      Result info = run("docker", "-H", tunnel.host(), "info", "--format", "{{.Name}} {{.Images}}");
      assertThat(info.exit()).as(info.output()).isZero();
      assertThat(info.output().strip()).isEqualTo("fleet-" + fleet.id() + "-ssh 1");
    }

    // a known_hosts that names another key for the same address: ssh must refuse to connect
    Path otherKey = tmp.resolve("other");
    assertThat(run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherKey.toString()).exit()).isZero();
    String[] pub = Files.readString(tmp.resolve("other.pub")).split(" ");
    Path wrong = tmp.resolve("wrong_known_hosts");
    Files.writeString(wrong, fleet.sshEngine().address() + " " + pub[0] + " " + pub[1] + "\n");
    assertThatThrownBy(() -> fleet.sshTunnel(tmp.resolve("wrong.sock"), wrong))
        .hasMessageContaining("Host key verification failed");
    assertThat(tmp.resolve("wrong.sock")).doesNotExist();
  }

  @Test
  @Order(5)
  void aKilledWorkerIsDownForTheSwarmAndComesBackAfterARestart() throws Exception {
    Node w2 = fleet.workers().get(1);
    String hostname = "fleet-" + fleet.id() + "-w2";
    fleet.kill(w2);
    assertThat(fleet.docker(w2, "version", "--format", "{{.Server.Version}}").exit()).isNotZero();
    Wait.until(() -> nodeStatus(hostname).equals("Down"), Duration.ofSeconds(90));

    fleet.restart(w2);
    assertThat(fleet.dockerOk(w2, "info", "--format", "{{.Swarm.LocalNodeState}}")).isEqualTo("active");
    Wait.until(() -> nodeStatus(hostname).equals("Ready"), Duration.ofSeconds(90));
  }

  @Test
  @Order(6)
  void theEndpointsAreWhatBerthsConfigurationTakes() throws Exception {
    assertThat(fleet.endpoints()).extracting(TestFleet.Endpoint::name).containsExactly("m1", "w1", "w2", "tls", "ssh");
    assertThat(fleet.endpoints().get(3).tlsDir()).contains(fleet.tlsDir());
    assertThat(fleet.tlsDir().resolve("key.pem")).exists();
    assertThat(fleet.endpoints().get(4).sshKnownHosts()).contains(fleet.sshKnownHosts());
    String yaml = Files.readString(fleet.endpointsYaml());
    for (TestFleet.Endpoint e : fleet.endpoints()) {
      assertThat(yaml).contains("- name: " + e.name() + "\n      host: " + e.host() + "\n");
    }
  }

  @Test
  @Order(99)
  void closingLeavesNothingOfTheFleetBehind() throws Exception {
    List<String> before = fleet.leftovers();
    assertThat(before).as("a running fleet is seen by the check").anyMatch(s -> s.startsWith("netns "))
        .anyMatch(s -> s.startsWith("bridge ")).anyMatch(s -> s.startsWith("iptables "))
        .anyMatch(s -> s.startsWith("process ")).anyMatch(s -> s.startsWith("mount "))
        .anyMatch(s -> s.startsWith("directory "));
    Duration teardown = fleet.closeTimed();
    System.out.printf("[FleetHarnessIT] fleet %s torn down in %.1f s%n", fleet.id(), teardown.toMillis() / 1000.0);
    assertThat(fleet.leftovers()).isEmpty();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("berth-fleet-" + fleet.id());
    assertThat(run("ip", "link", "show", "docker0").exit()).as("the shared engine's docker0 is still there").isZero();
  }

  @Test
  @Order(100)
  void aStartThatFailsHalfwayTearsDownWhatItMade() {
    // the image copy fails after the bridge, namespaces, certificates and five starting daemons exist
    assertThatThrownBy(() -> TestFleet.start(Map.of("BERTH_FLEET_IMAGE", PREFIX + "/no-such-image:1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fleet.sh up failed")
        .hasMessageContaining("start failed; tearing down")
        .satisfies(e -> {
          Matcher m = Pattern.compile("starting fleet (\\w+) in (\\S+)").matcher(e.getMessage());
          assertThat(m.find()).as(e.getMessage()).isTrue();
          assertThat(TestFleet.leftovers(m.group(1), Path.of(m.group(2)))).isEmpty();
        });
  }

  /** Hostnames of the nodes running the service's tasks. */
  private static List<String> running(String service) {
    try {
      Result r = fleet.docker(fleet.manager(), "service", "ps", service, "--filter", "desired-state=running",
          "--format", "{{.Node}} {{.CurrentState}}");
      return r.output().lines().filter(l -> l.contains(" Running ")).map(l -> l.split(" ")[0]).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Set<String> workerContainers() {
    try {
      Set<String> all = new java.util.HashSet<>();
      for (Node n : List.of(fleet.manager(), fleet.workers().get(0), fleet.workers().get(1))) {
        all.addAll(fleet.dockerOk(n, "ps", "-aq").lines().filter(s -> !s.isBlank()).collect(Collectors.toSet()));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String nodeStatus(String hostname) {
    try {
      return fleet.dockerOk(fleet.manager(), "node", "ls", "--filter", "name=" + hostname, "--format", "{{.Status}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Result run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    return new Result(p.exitValue(), out);
  }
}
