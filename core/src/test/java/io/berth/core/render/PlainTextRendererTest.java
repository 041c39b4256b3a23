package io.berth.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.CapturedOutput;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.OutputChunk;
import io.berth.core.result.Failure;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Outcome;
import io.berth.core.result.RunOutput;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainTextRendererTest {
  private final Instant now = Instant.parse("2026-11-28T12:00:00Z");
  private final PlainTextRenderer renderer = new PlainTextRenderer(Clock.fixed(now, ZoneOffset.UTC));

  @Test
  void psRendersDockerLikeColumnsWithAlignedHeader() {
    var c = new ContainerSummary("0123456789abcdef", "web", "httpd:2", "running", "Up 5 minutes",
        List.of("127.0.0.1:8080->80/tcp"), now.minusSeconds(7200), Map.of());
    String text = renderer.render(new ContainerList(List.of(c)));
    String[] lines = text.split("\n");
    assertThat(lines[0]).startsWith("CONTAINER ID   IMAGE");
    assertThat(lines[1]).startsWith("0123456789ab   httpd:2").contains("2 hours ago").endsWith("web");
    assertThat(lines[1].indexOf("web")).isEqualTo(lines[0].indexOf("NAMES"));
  }

  @Test
  void aNewlineInAContainerNameCannotForgeATableRow() {
    var c = new ContainerSummary("abc", "evil\nFAKE ROW", "img", "exited", "Exited (0)", List.of(), now, Map.of());
    assertThat(renderer.render(new ContainerList(List.of(c))).split("\n")).hasSize(2);
  }

  @Test
  void attachedRunShowsOutputAndNonZeroExitCode() {
    assertThat(renderer.render(new RunOutput("id", "n", true, 0, "Hello from Docker!\n", false)))
        .isEqualTo("Hello from Docker!\n");
    assertThat(renderer.render(new RunOutput("id", "n", false, 3, "boom\n", false))).endsWith("[exit code 3]\n");
    assertThat(renderer.render(new RunOutput("abc123", "n", false, null, "", false))).isEqualTo("abc123\n");
  }

  @Test
  void execShowsStderrUnderItsLabelThenTheCutAndTheExitCode() {
    var streams = new CapturedOutput(List.of(OutputChunk.stdout("out"), OutputChunk.stderr("err\n")), 5, List.of());
    String text = renderer.render(new ExecOutput("c", 2, streams));
    assertThat(text).isEqualTo("out\n--- stderr ---\nerr\n" + CapturedOutput.marker(5) + "\n[exit code 2]\n");
  }

  @Test
  void aTerminalGetsRunOutputOnTheContainersOwnStreamsWithoutAnExitCodeLine() {
    var streams = new CapturedOutput(List.of(OutputChunk.stdout("o\n"), OutputChunk.stderr("e\n")), 0, List.of());
    assertThat(new RunOutput("id", "n", false, 4, streams).printed(renderer))
        .containsExactly(OutputChunk.stdout("o\n"), OutputChunk.stderr("e\n"));
    assertThat(new ExecOutput("c", 4, streams).printed(renderer))
        .containsExactly(OutputChunk.stdout("o\n"), OutputChunk.stderr("e\n"));
  }

  @Test
  void logLinesReachATerminalOnTheirOwnStreamsAndChatUnderALabel() {
    var out = new LogOutput("c", List.of(new LogLine(null, LogLine.Stream.STDOUT, "out1"),
        new LogLine(null, LogLine.Stream.STDERR, "err1"), new LogLine(null, LogLine.Stream.STDOUT, "out2")), false);
    assertThat(out.printed(renderer)).containsExactly(OutputChunk.stdout("out1\n"), OutputChunk.stderr("err1\n"),
        OutputChunk.stdout("out2\n"));
    assertThat(renderer.render(out)).isEqualTo("out1\nout2\n--- stderr ---\nerr1\n");
  }

  @Test
  void truncatedLogsSayOlderLinesWereOmitted() {
    var out = new LogOutput("c", List.of(new LogLine(Instant.parse("2026-01-01T00:00:00Z"), LogLine.Stream.STDOUT, "x")), true);
    assertThat(renderer.render(out))
        .isEqualTo("[berth: older lines omitted (engine.maxLogLines); showing the last 1]\n2026-01-01T00:00:00Z x\n");
    assertThat(out.printed(renderer).get(0).stream()).isEqualTo(LogLine.Stream.STDERR);
  }

  @Test
  void failuresAndDenialsAreOneHumanLine() {
    assertThat(renderer.render(new Outcome.Failed("r", Failure.NOT_FOUND, "No such container: x")))
        .isEqualTo("Error: No such container: x\n");
    assertThat(renderer.render(new Outcome.Denied("r", "viewer may not rm"))).isEqualTo("Denied: viewer may not rm\n");
  }

  @Test
  void sizesUseDockerDecimalUnits() {
    assertThat(PlainTextRenderer.size(999)).isEqualTo("999B");
    assertThat(PlainTextRenderer.size(1_500_000)).isEqualTo("1.50MB");
    assertThat(PlainTextRenderer.size(250_000_000)).isEqualTo("250MB");
  }
}
