package io.berth.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.model.Subscription;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.Wait;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What the rest of Berth relies on from a {@link ContainerEngine}, run against the real adapter
 * (DockerJavaEngine on the local engine, an {@code *IT}) and against every fake that stands for it in
 * unit tests: a missing container is NOT_FOUND everywhere with docker's words, names are unique, the
 * states docker moves a container through, labels kept, logs with their streams apart, lifecycle events.
 * A case a fake cannot pass is a fake that tells a test something the engine would not.
 *
 * <p>Fakes run no commands: containers made here run {@code sleep 300} on the real engine, which a fake
 * models as "runs until stopped or killed". What a container printed comes through {@link #containerThatPrinted}.
 */
public abstract class ContainerEngineContract {

  /** The engine under test, the same instance for the whole test. */
  protected abstract ContainerEngine engine();

  /** A container name that no other test, or concurrent test run, uses. */
  protected abstract String uniqueName(String suffix);

  /**
   * Outside the port: a container named {@code name} that printed {@code out} on stdout, then
   * {@code err} on stderr, and exited 0; returns its id. The real engine runs a shell; a fake is told.
   */
  protected abstract String containerThatPrinted(String name, List<String> out, List<String> err);

  /** Labels every container a case makes (the real engine's clean-up finds them by {@code berth.test}). */
  protected Map<String, String> labels() {
    return Map.of(TestEngine.TEST_LABEL, "true");
  }

  private String create(String suffix) {
    Map<String, String> labels = new HashMap<>(labels());
    labels.put("contract.case", suffix);
    return engine().create(new Run(TestEngine.BUSYBOX, uniqueName(suffix), true, List.of(), List.of(), labels, List.of(),
        "no", false, List.of("sleep", "300"), Run.HostAccess.NONE));
  }

  private String started(String suffix) {
    String id = create(suffix);
    engine().start(id);
    return id;
  }

  private ContainerSummary listed(String id) {
    return engine().listContainers(true, List.of(new Ps.Filter("id", id))).stream().filter(c -> c.id().equals(id))
        .findFirst().orElse(null);
  }

  private static void fails(Failure kind, String mentioning, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(EngineException.class, e -> {
      assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
      assertThat(e.getMessage()).contains(mentioning);
    });
  }

  @Test
  void everyCallOnAMissingContainerIsNotFoundInDockersWords() {
    String missing = uniqueName("missing");
    fails(Failure.NOT_FOUND, "No such container: " + missing, () -> engine().resolveContainer(missing));
    assertThatThrownBy(() -> engine().resolveContainer(missing)).hasMessage("No such container: " + missing);
    fails(Failure.NOT_FOUND, missing, () -> engine().inspect(missing));
    fails(Failure.NOT_FOUND, missing, () -> engine().start(missing));
    fails(Failure.NOT_FOUND, missing, () -> engine().stop(missing, 1));
    fails(Failure.NOT_FOUND, missing, () -> engine().restart(missing, 1));
    fails(Failure.NOT_FOUND, missing, () -> engine().kill(missing, "SIGKILL"));
    fails(Failure.NOT_FOUND, missing, () -> engine().pause(missing));
    fails(Failure.NOT_FOUND, missing, () -> engine().unpause(missing));
    fails(Failure.NOT_FOUND, missing, () -> engine().rename(missing, uniqueName("renamed")));
    fails(Failure.NOT_FOUND, missing, () -> engine().remove(missing, false, false));
    fails(Failure.NOT_FOUND, missing, () -> engine().remove(missing, true, true)); // rm -f's "nothing to do" is the CLI's
    fails(Failure.NOT_FOUND, missing, () -> engine().logs(missing, null, null, false, 10));
    fails(Failure.NOT_FOUND, missing, () -> engine().waitForExit(missing, Duration.ofSeconds(5)));
    fails(Failure.NOT_FOUND, missing, () -> engine().stats(missing));
  }

  @Test
  void aCreatedContainerIsListedWithAllOnlyAndResolvesByNameIdAndUniquePrefix() {
    String id = create("created");
    String name = uniqueName("created");
    ContainerSummary c = listed(id);
    assertThat(c).as("listed with all").isNotNull();
    assertThat(c.name()).isEqualTo(name);
    assertThat(c.state()).isEqualTo("created");
    assertThat(c.running()).isFalse();
    assertThat(c.labels()).containsAllEntriesOf(labels()).containsEntry("contract.case", "created");
    assertThat(engine().listContainers(false, List.of(new Ps.Filter("id", id)))).extracting(ContainerSummary::id)
        .doesNotContain(id);
    assertThat(engine().listContainers(true, List.of(new Ps.Filter("name", name)))).extracting(ContainerSummary::id)
        .containsExactly(id);
    assertThat(engine().listContainers(true, List.of(new Ps.Filter("label", "contract.case=created"),
        new Ps.Filter("name", name)))).extracting(ContainerSummary::id).containsExactly(id);
    assertThat(engine().listContainers(true, List.of(new Ps.Filter("label", "contract.case=other"),
        new Ps.Filter("name", name)))).isEmpty();

    assertThat(engine().resolveContainer(name).id()).isEqualTo(id);
    assertThat(engine().resolveContainer("/" + name).id()).isEqualTo(id);
    assertThat(engine().resolveContainer(id).name()).isEqualTo(name);
    assertThat(engine().resolveContainer(id.substring(0, 12)).id()).isEqualTo(id);
  }

  @Test
  void namesAreUniqueAcrossCreateAndRename() {
    String first = create("twin");
    fails(Failure.CONFLICT, uniqueName("twin"), () -> create("twin"));
    String other = create("other");
    fails(Failure.CONFLICT, uniqueName("twin"), () -> engine().rename(other, uniqueName("twin")));

    engine().rename(first, uniqueName("twin2"));
    assertThat(engine().resolveContainer(uniqueName("twin2")).id()).isEqualTo(first);
    fails(Failure.NOT_FOUND, uniqueName("twin"), () -> engine().resolveContainer(uniqueName("twin")));
    engine().rename(other, uniqueName("twin")); // the old name is free again
    assertThat(engine().resolveContainer(uniqueName("twin")).id()).isEqualTo(other);
  }

  @Test
  void aContainerMovesThroughDockersStates() {
    String id = create("states");
    engine().start(id);
    assertThat(engine().resolveContainer(id).state()).isEqualTo("running");
    assertThat(engine().listContainers(false, List.of(new Ps.Filter("id", id)))).extracting(ContainerSummary::id).contains(id);

    engine().pause(id);
    assertThat(listed(id).state()).isEqualTo("paused");
    assertThat(listed(id).running()).isTrue();
    engine().unpause(id);
    assertThat(listed(id).state()).isEqualTo("running");

    assertThat(engine().stop(id, 1)).as("stopped").isTrue();
    assertThat(listed(id).state()).isEqualTo("exited");
    assertThat(engine().stop(id, 1)).as("already stopped: no change").isFalse();

    engine().start(id);
    engine().kill(id, "SIGKILL");
    assertThat(engine().waitForExit(id, Duration.ofSeconds(20))).isEqualTo(137);
    assertThat(listed(id).state()).isEqualTo("exited");
    assertThat(listed(id).exitCode()).isEqualTo(137);
    fails(Failure.CONFLICT, "is not running", () -> engine().kill(id, "SIGKILL"));

    engine().restart(id, 1);
    assertThat(listed(id).state()).isEqualTo("running");
  }

  @Test
  void aRunningContainerIsRemovedOnlyByForce() {
    String id = started("rm");
    fails(Failure.CONFLICT, "running container", () -> engine().remove(id, false, false));
    assertThat(listed(id)).isNotNull();
    engine().remove(id, true, true);
    assertThat(listed(id)).isNull();
    fails(Failure.NOT_FOUND, id, () -> engine().resolveContainer(id));

    String stopped = create("rm-created");
    engine().remove(stopped, false, false);
    assertThat(listed(stopped)).isNull();
  }

  @Test
  void inspectKeepsTheNameLabelsAndState() {
    String id = started("inspect");
    ContainerDetails d = engine().inspect(id);
    assertThat(d.summary().id()).isEqualTo(id);
    assertThat(d.summary().name()).isEqualTo(uniqueName("inspect"));
    assertThat(d.summary().labels()).containsAllEntriesOf(labels()).containsEntry("contract.case", "inspect");
    assertThat(d.summary().state()).isEqualTo("running");
    assertThat(d.command()).containsExactly("sleep", "300");
    assertThat(engine().inspect(uniqueName("inspect")).summary().id()).as("by name").isEqualTo(id);
  }

  @Test
  void logsKeepTheStreamsApartAndHonourTailAndMaxLines() {
    String id = containerThatPrinted(uniqueName("logs"), List.of("out1", "out2", "out3"), List.of("err1"));
    List<LogLine> all = engine().logs(id, null, null, false, 100);
    assertThat(all).filteredOn(l -> l.stream() == LogLine.Stream.STDOUT).extracting(LogLine::text)
        .containsExactly("out1", "out2", "out3");
    assertThat(all).filteredOn(l -> l.stream() == LogLine.Stream.STDERR).extracting(LogLine::text).containsExactly("err1");
    assertThat(engine().logs(id, 1, null, false, 100)).extracting(LogLine::text).containsExactly("err1");
    assertThat(engine().logs(id, null, null, false, 2)).extracting(LogLine::text).containsExactly("out3", "err1");
    assertThat(engine().logs(create("quiet"), null, null, false, 100)).as("never started: nothing").isEmpty();
  }

  @Test
  void aFollowedEventStreamReplaysFromSinceHandsOnWhatHappensAndEndsOnInterrupt() throws Exception {
    List<io.berth.core.command.Events.Event> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
    java.time.Instant since = java.time.Instant.now().minusSeconds(2);
    String id = started("follow");
    Thread follower = new Thread(() -> {
      engine().followEvents(since, Map.of("type", List.of("container")), seen::add);
      flagKept.set(Thread.currentThread().isInterrupted());
    }, "contract-follow");
    follower.start();
    try {
      // its start happened before the follow opened: replayed from since
      Wait.until(() -> seen.stream().anyMatch(e -> e.actorId().equals(id) && e.action().equals("start")));
      engine().kill(id, "SIGKILL"); // and what happens now arrives live
      Wait.until(() -> seen.stream().anyMatch(e -> e.actorId().equals(id) && e.action().equals("die")));
    } finally {
      follower.interrupt();
      follower.join(10_000);
    }
    assertThat(follower.isAlive()).as("an interrupt ends the follow").isFalse();
    assertThat(flagKept).as("the interrupt flag is kept for the caller").isTrue();
    assertThat(seen).filteredOn(e -> e.actorId().equals(id)).allSatisfy(e -> {
      assertThat(e.type()).isEqualTo("container");
      assertThat(e.attributes()).containsEntry("name", uniqueName("follow"));
    });
    assertThat(seen).filteredOn(e -> e.actorId().equals(id) && e.action().equals("die")).first()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("exitCode", "137"));
  }

  @Test
  void lifecycleEventsNameTheContainerAndADieCarriesItsCode() {
    List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
    Consumer<ContainerEvent> sink = seen::add;
    String id;
    try (Subscription s = engine().events(sink)) {
      id = started("events");
      engine().kill(id, "SIGKILL");
      engine().waitForExit(id, Duration.ofSeconds(20));
      String theId = id;
      Wait.until(() -> seen.stream().anyMatch(e -> e.containerId().equals(theId) && e.action().equals("die")));
    }
    List<ContainerEvent> mine = seen.stream().filter(e -> e.containerId().equals(id)).toList();
    assertThat(mine).extracting(ContainerEvent::action).containsSubsequence("create", "start", "die");
    assertThat(mine).allSatisfy(e -> assertThat(e.name()).isEqualTo(uniqueName("events")));
    assertThat(mine).filteredOn(e -> e.action().equals("die")).first().extracting(ContainerEvent::exitCode).isEqualTo(137);
  }

  @Test
  void anInteractiveProcessOnATtyEchoesWhatIsTypedAndEndsWhenClosed() throws Exception {
    String id = started("tty");
    java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
    InteractiveProcess p = engine().openInteractive(new InteractiveProcess.Spec(id, List.of("sh"), Map.of(), null, null,
        true, 80, 24), b -> {
          synchronized (shown) {
            shown.writeBytes(b);
          }
        });
    p.write("echo contract-$((1+2))".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    io.berth.core.testing.Wait.until(() -> {
      synchronized (shown) {
        return shown.toString(java.nio.charset.StandardCharsets.UTF_8).contains("echo contract-$((1+2))");
      }
    }, java.time.Duration.ofSeconds(30));
    p.close();
    assertThat(p.exit().get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
    p.close(); // again: nothing happens
    fails(Failure.NOT_FOUND, "No such container", () -> engine().openInteractive(new InteractiveProcess.Spec(
        "0".repeat(64), List.of("sh"), Map.of(), null, null, true, 80, 24), b -> { }));
  }
}
