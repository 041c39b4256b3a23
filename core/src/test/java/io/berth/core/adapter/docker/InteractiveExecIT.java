package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.Run;
import io.berth.core.engine.InteractiveProcess;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.Wait;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code exec -it} on the real engine: typing reaches the process, resize reaches its TTY, close ends it; {@code exec -i}:
 * the end of input reaches it as end-of-file, stderr apart.
 */
class InteractiveExecIT {
  static TestEngine env;
  static DockerJavaEngine engine;
  static String container;

  @BeforeAll
  static void setUp() {
    env = new TestEngine("tty-it");
    engine = env.engine();
    container = engine.create(new Run(TestEngine.BUSYBOX, env.name("c"), true, List.of(), List.of(), env.labels(),
        List.of(), "no", false, List.of("sleep", "600"), Run.HostAccess.NONE));
    engine.start(container);
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  /** What the process printed so far, as text. */
  static final class Screen {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    synchronized void accept(byte[] b) {
      bytes.writeBytes(b);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    void await(String wanted) {
      try {
        Wait.until(() -> text().contains(wanted), Duration.ofSeconds(30));
      } catch (AssertionError e) {
        throw new AssertionError("no \"" + wanted + "\" in: " + text(), e);
      }
    }
  }

  private InteractiveProcess shell(Screen screen, int cols, int rows) {
    return engine.openInteractive(new InteractiveProcess.Spec(container, List.of("sh"), Map.of(), null, null, true,
        cols, rows), screen::accept);
  }

  private static void type(InteractiveProcess p, String text) {
    p.write(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void whatIsTypedReachesTheProcessAndItsExitCodeComesBack() throws Exception {
    Screen screen = new Screen();
    try (InteractiveProcess p = shell(screen, 80, 24)) {
      type(p, "echo typed-$((6*7))\n");
      screen.await("typed-42");
      type(p, "exit 3\n");
      assertThat(p.exit().get(10, TimeUnit.SECONDS)).isEqualTo(3);
    }
  }

  @Test
  void theTerminalHasTheSizeGivenAndAResizeChangesIt() throws Exception {
    Screen screen = new Screen();
    try (InteractiveProcess p = shell(screen, 101, 31)) {
      type(p, "stty size\n");
      screen.await("31 101");
      p.resize(123, 45);
      type(p, "stty size\n");
      screen.await("45 123");
    }
  }

  @Test
  void closeEndsTheSessionsProcessesInTheContainer() throws Exception {
    Screen screen = new Screen();
    InteractiveProcess p = shell(screen, 80, 24);
    type(p, "sleep 4321 & sleep 4322\n");
    Wait.until(() -> top().contains("4322"), Duration.ofSeconds(30));
    p.close();
    assertThat(p.exit().get(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(top()).doesNotContain("4321").doesNotContain("4322").doesNotContain(" sh");
    assertThat(top()).contains("sleep 600"); // the container's own process lives on
  }

  @Test
  void withoutATtyTheEndOfInputIsEndOfFileAndStderrComesApart() throws Exception {
    Screen out = new Screen();
    Screen err = new Screen();
    byte[] input = new byte[3 * 1024 * 1024];
    for (int i = 0; i < input.length; i++) input[i] = (byte) ('a' + i % 26);
    InteractiveProcess p = engine.openInteractive(new InteractiveProcess.Spec(container,
        List.of("sh", "-c", "wc -c; echo done >&2; exit 4"), Map.of(), null, null, false, 0, 0),
        new InteractiveProcess.Output() {
          @Override
          public void stdout(byte[] b) {
            out.accept(b);
          }

          @Override
          public void stderr(byte[] b) {
            err.accept(b);
          }
        });
    for (int i = 0; i < input.length; i += 8192) p.write(java.util.Arrays.copyOfRange(input, i, Math.min(input.length, i + 8192)));
    p.closeInput();
    assertThat(p.exit().get(60, TimeUnit.SECONDS)).as("stdout: %s; stderr: %s", out.text(), err.text()).isEqualTo(4);
    assertThat(out.text().strip()).isEqualTo(String.valueOf(input.length));
    assertThat(err.text()).isEqualTo("done\n");
    p.close();
  }

  private static String top() {
    return engine.top(container, List.of()).processes().toString();
  }
}
