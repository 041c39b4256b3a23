package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.render.JsonText;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Result;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.TestEngine;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several targets and JSON inspect against the real engine. */
class SeveralTargetsIT {
  static TestEngine env;
  static CommandService service;

  @BeforeAll
  static void setUp() {
    env = new TestEngine("targets-it");
    service = new CommandService(new PicocliCommandLanguage(), new PermissiveTestPolicy(), new InMemoryAuditTrail(),
        env.engine(), CoreLimits.DEFAULTS, Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  static Result run(String text) {
    Outcome o = service.submit(new Caller(Source.CLI, "it", "it", Location.remote("test")), text, ProgressListener.IGNORE);
    if (o instanceof Outcome.ConfirmationRequired c) {
      o = service.confirm(new Caller(Source.CLI, "it", "it", Location.remote("test")), c.token(), ProgressListener.IGNORE);
    }
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    return ((Outcome.Succeeded) o).result();
  }

  @Test
  void stopsEveryContainerReportsTheMissingOneAndInspectsAsJson() {
    String a = env.name("a");
    String b = env.name("b");
    String idA = env.startOutsideBerth(a);
    env.startOutsideBerth(b);

    Result stopped = run("stop -t 0 " + a + " " + env.name("missing") + " " + b);
    assertThat(stopped.text(new PlainTextRenderer())).isEqualTo(a + "\n" + b + "\n");
    assertThat(stopped.errors()).containsExactly("Error response from daemon: No such container: " + env.name("missing"));
    assertThat(stopped.failed()).isTrue();

    Result inspected = run("inspect " + idA.substring(0, 12) + " " + b + " " + TestEngine.BUSYBOX);
    Object docs = JsonText.parse(inspected.text(new PlainTextRenderer()));
    assertThat(docs).isInstanceOf(List.class);
    List<?> list = (List<?>) docs;
    assertThat(list).hasSize(3);
    assertThat(((Map<?, ?>) list.get(0)).get("Name")).isEqualTo("/" + a);
    assertThat(((Map<?, ?>) ((Map<?, ?>) list.get(1)).get("State")).get("Status")).isEqualTo("exited");
    assertThat(String.valueOf(((Map<?, ?>) list.get(2)).get("RepoTags"))).contains(TestEngine.BUSYBOX);

    Result formatted = run("inspect -f '{{.Name}} {{.State.Status}}' " + a + " " + env.name("nope"));
    assertThat(formatted.text(new PlainTextRenderer())).isEqualTo("/" + a + " exited\n");
    assertThat(formatted.errors()).containsExactly("Error: No such object: " + env.name("nope"));

    Result removed = run("rm -f " + a + " " + b + " " + env.name("gone"));
    assertThat(removed.text(new PlainTextRenderer())).isEqualTo(a + "\n" + b + "\n");
    assertThat(removed.failed()).isFalse();
  }

  @Test
  void psQuietAndFormatAgainstTheEngine() {
    String c = env.name("ps");
    String id = env.startOutsideBerth(c);
    assertThat(run("ps -q --filter name=" + c).text(new PlainTextRenderer())).isEqualTo(id.substring(0, 12) + "\n");
    assertThat(run("ps --format 'table {{.Names}}\\t{{.Command}}' --filter name=" + c).text(new PlainTextRenderer()))
        .startsWith("NAMES").contains(c).contains("\"sleep 300\"");
  }

  @Test
  void psSizeShowsTheWritableLayerAndTheImageAsDockers() {
    String c = env.name("sized"); // not "ps-…": the name filter of the test above matches substrings
    String id = env.startOutsideBerth(c, "sh", "-c", "head -c 2000 /dev/zero > /written; sleep 300");
    String text = "";
    for (long deadline = System.nanoTime() + 20_000_000_000L; !text.contains("2kB (virtual") && System.nanoTime() < deadline; ) {
      text = run("ps -s --filter name=" + c).text(new PlainTextRenderer()); // the shell writes the file a moment after start
    }
    String[] lines = text.split("\n");
    assertThat(lines[0]).endsWith("NAMES" + " ".repeat(lines[0].indexOf("SIZE") - lines[0].indexOf("NAMES") - 5) + "SIZE");
    assertThat(lines[1]).startsWith(id.substring(0, 12)).containsPattern(" 2kB \\(virtual [0-9.]+[kM]B\\)$");
    assertThat(run("ps --format '{{.Names}} {{.Size}}' --filter name=" + c).text(new PlainTextRenderer()))
        .matches(c + " 2kB \\(virtual [0-9.]+[kM]B\\)\n");
  }
}
