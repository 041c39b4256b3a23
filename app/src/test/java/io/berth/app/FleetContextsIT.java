package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.config.BerthConfig;
import io.berth.core.config.ConfigLoader;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.AcrossContexts;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.testing.TestFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contexts against real engines: the fleet harness's m1 (unix socket), tls (tcp with client certificates, the
 * server verified against the CA) and ssh (through the system ssh client's forward), as Berth's configuration
 * takes them from the harness's own endpoints.yml. One fleet for the class (starting one takes ~30 s).
 */
class FleetContextsIT {
  static TestFleet fleet;
  static BerthRuntime berth;
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    fleet = TestFleet.start();
    for (TestFleet.Node n : List.of(fleet.manager(), fleet.tlsEngine(), fleet.sshEngine())) {
      fleet.dockerOk(n, "run", "-d", "--name", "ctx-" + n.name() + "-" + SUFFIX, "--label", "berth.test=true",
          "berth-test/busybox:latest", "sleep", "600");
    }
    // the harness's file as it is, with the data directory and a policy around it
    String endpoints = Files.readString(fleet.endpointsYaml());
    String yaml = endpoints + """
        data: { dir: %s }
        policy:
          users:
            ada:  { role: admin, slack: [U_A] }
            olga: { role: operator, slack: [U_O], contexts: { ssh: viewer } }
        """.formatted(dir.resolve("data"));
    BerthConfig config = ConfigLoader.parse(yaml, Map.of());
    berth = BerthRuntime.start(config, false, Map.of(), s -> { });
  }

  @AfterAll
  static void stop() throws Exception {
    if (berth != null) berth.close();
    if (fleet != null) fleet.close();
  }

  static Caller slack(String id) {
    return new Caller(Source.SLACK, id, id, Location.channel("T1", "C1"));
  }

  static Outcome submit(String user, String text) {
    return berth.commands.submit(slack(user), text, ProgressListener.IGNORE);
  }

  @Test
  void psAcrossEveryContextShowsEachContextsContainers() {
    Outcome o = submit("U_A", "--context all ps -a --format '{{.Context}} {{.Names}}'");
    assertThat(o).as(o.toString()).isInstanceOf(Outcome.Succeeded.class);
    String text = new PlainTextRenderer().render(o);
    assertThat(text).contains("m1 ctx-m1-" + SUFFIX, "tls ctx-tls-" + SUFFIX, "ssh ctx-ssh-" + SUFFIX);
    assertThat(text).as("each engine lists only its own").doesNotContain("tls ctx-m1-", "m1 ctx-ssh-");
    String table = new PlainTextRenderer().render(submit("U_A", "--context all ps -a"));
    assertThat(table.lines().findFirst().orElseThrow()).startsWith("CONTEXT").contains("CONTAINER ID", "NAMES");
  }

  @Test
  void aKilledEngineIsOneLineWhileTheOthersAnswerAndAnswersAgainAfterARestart() throws Exception {
    fleet.kill(fleet.tlsEngine());
    try {
      long t0 = System.nanoTime();
      Outcome o = submit("U_A", "--context all ps -a");
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(o).as(o.toString()).isInstanceOf(Outcome.Succeeded.class);
      AcrossContexts r = (AcrossContexts) ((Outcome.Succeeded) o).result();
      assertThat(r.errors()).hasSize(1);
      assertThat(r.errors().get(0)).startsWith("context tls: ");
      assertThat(r.answers().keySet()).contains("m1", "ssh", "w1", "w2").doesNotContain("tls");
      assertThat(r.failed()).isFalse();
      System.out.printf("ps -a --context all with tls down: %d ms%n", ms);
    } finally {
      fleet.restart(fleet.tlsEngine());
    }
    // a pooled connection to the killed daemon may fail once more: the context answers again within seconds
    Outcome back;
    AcrossContexts r;
    long deadline = System.nanoTime() + 30_000_000_000L;
    do {
      back = submit("U_A", "--context all ps -a --format '{{.Context}} {{.Names}}'");
      r = (AcrossContexts) ((Outcome.Succeeded) back).result();
    } while (!r.errors().isEmpty() && System.nanoTime() < deadline && sleep());
    assertThat(r.errors()).isEmpty();
    assertThat(new PlainTextRenderer().render(back)).contains("tls ctx-tls-" + SUFFIX);
  }

  private static boolean sleep() {
    try {
      Thread.sleep(500);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void aDeadSshForwardIsStartedAgainAndTheContextAnswersAgain() throws Exception {
    String socket = fleet.sshEngine().socket().toString();
    ProcessHandle ssh = ProcessHandle.current().children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains("-N") && String.join(" ", a).contains(socket)).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no ssh forward child of this JVM"));
    assertThat(submit("U_A", "-c ssh ps -a")).isInstanceOf(Outcome.Succeeded.class);
    ssh.destroyForcibly();
    ssh.onExit().get();
    long deadline = System.nanoTime() + 30_000_000_000L;
    Outcome o;
    do {
      o = submit("U_A", "-c ssh ps -a --format '{{.Names}}'");
    } while (!(o instanceof Outcome.Succeeded) && System.nanoTime() < deadline && sleep());
    assertThat(o).as(o.toString()).isInstanceOf(Outcome.Succeeded.class);
    assertThat(new PlainTextRenderer().render(o)).contains("ctx-ssh-" + SUFFIX);
    assertThat(ProcessHandle.current().children().filter(p -> p.info().arguments()
        .map(a -> String.join(" ", a).contains(socket)).orElse(false)).map(ProcessHandle::pid))
        .as("a new ssh").isNotEmpty().doesNotContain(ssh.pid());
  }

  @Test
  void operatorOnOneContextViewerOnAnotherAndTheAuditNamesTheContext() throws Exception {
    String m1 = "ctx-m1-" + SUFFIX;
    String ssh = "ctx-ssh-" + SUFFIX;
    Outcome stopped = submit("U_O", "--context m1 restart -t 0 " + m1);
    assertThat(stopped).as(stopped.toString()).isInstanceOf(Outcome.Succeeded.class);
    Outcome refused = submit("U_O", "restart -t 0 ssh/" + ssh);
    assertThat(refused).as(refused.toString()).isInstanceOf(Outcome.Denied.class);
    assertThat(((Outcome.Denied) refused).reason()).contains("viewer");
    assertThat(submit("U_O", "-c ssh ps -a")).as("a viewer there still reads").isInstanceOf(Outcome.Succeeded.class);

    List<AuditRecord> rows = berth.audit.query(AuditFilter.ALL, 1000);
    assertThat(rows).filteredOn(r -> r.entry().action().equals("restart") && r.entry().outcome() == AuditOutcome.SUCCEEDED)
        .extracting(r -> r.entry().context(), r -> r.entry().target()).containsExactly(tuple("m1", m1));
    assertThat(rows).filteredOn(r -> r.entry().action().equals("restart") && r.entry().outcome() == AuditOutcome.DENIED)
        .extracting(r -> r.entry().context(), r -> r.entry().target()).containsExactly(tuple("ssh", ssh));
    assertThat(berth.audit.query(AuditFilter.ALL.inContext("ssh"), 1000)).isNotEmpty()
        .allSatisfy(r -> assertThat(r.entry().context()).isEqualTo("ssh"));
  }

  /**
   * events --context all followed (the CLI's terminal): a start on m1 and one on tls arrive live with their contexts;
   * tls killed is one line while m1 goes on, and once restarted tls streams again; an interrupt (Ctrl-C) ends it.
   */
  @Test
  void followedEventsOfEveryContextGoOnWhileOneIsDownAndItComesBack() throws Exception {
    List<String> out = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> err = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProgressListener terminal = new ProgressListener() {
      @Override
      public void on(io.berth.core.result.Progress p) {
        if (p instanceof io.berth.core.result.Progress.Line l) out.add(l.text());
        if (p instanceof io.berth.core.result.Progress.Printed pr) err.add(pr.chunk().text().stripTrailing());
      }

      @Override
      public boolean follows() {
        return true;
      }
    };
    // a call on tls first leaves a pooled TLS connection, which the follow then reuses: a reused TLS connection used to
    // read with the handshake's 5 s timeout (httpclient5 keeps it when it binds the TLS socket, and restores it on reuse)
    assertThat(submit("U_A", "-c tls ps -a")).isInstanceOf(Outcome.Succeeded.class);
    java.util.concurrent.atomic.AtomicReference<Outcome> ended = new java.util.concurrent.atomic.AtomicReference<>();
    Thread cli = new Thread(() -> ended.set(berth.commands.submit(slack("U_A"),
        "--context all events --filter event=start", terminal)), "it-cli");
    cli.start();
    String onM1 = "follow-m1-" + SUFFIX;
    String onTls = "follow-tls-" + SUFFIX;
    String again = "follow-tls2-" + SUFFIX;
    try {
      // every context's stream is open by now (what happens before it is not shown), and has been quiet for longer than
      // the 5 s connect timeout, which a reused TLS connection used to keep as its read timeout ("Read timed out")
      Thread.sleep(8_000);
      assertThat(err).as("a quiet stream is not a broken one").isEmpty();
      fleet.dockerOk(fleet.manager(), "run", "-d", "--name", onM1, "--label", "berth.test=true", "berth-test/busybox:latest", "true");
      fleet.dockerOk(fleet.tlsEngine(), "run", "-d", "--name", onTls, "--label", "berth.test=true", "berth-test/busybox:latest", "true");
      io.berth.core.testing.Wait.until(() -> out.stream().anyMatch(l -> l.startsWith("m1   ") && l.contains("name=" + onM1))
          && out.stream().anyMatch(l -> l.startsWith("tls  ") && l.contains("name=" + onTls)));
      assertThat(err).isEmpty();

      fleet.kill(fleet.tlsEngine());
      io.berth.core.testing.Wait.until(() -> err.stream().anyMatch(l -> l.startsWith("context tls: ")));
      fleet.restart(fleet.tlsEngine());
      Thread.sleep(8_000); // the retry (backoff doubling from 200 ms) has reopened tls's stream
      fleet.dockerOk(fleet.tlsEngine(), "run", "-d", "--name", again, "--label", "berth.test=true", "berth-test/busybox:latest", "true");
      io.berth.core.testing.Wait.until(() -> out.stream().anyMatch(l -> l.startsWith("tls  ") && l.contains("name=" + again)));
      assertThat(err).filteredOn(l -> l.startsWith("context tls: ")).hasSize(1);
      assertThat(cli.isAlive()).isTrue();
    } finally {
      cli.interrupt(); // Ctrl-C
      cli.join(10_000);
      fleet.docker(fleet.manager(), "rm", "-f", onM1);
      fleet.docker(fleet.tlsEngine(), "rm", "-f", onTls, again);
    }
    assertThat(cli.isAlive()).isFalse();
    assertThat(ended.get()).isInstanceOf(Outcome.Succeeded.class);
  }
}
