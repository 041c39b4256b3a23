package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.berth.core.result.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFramesTest {
  static Frame frame(StreamType type, String text) {
    return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsStreamsStripsTimestampsAndJoinsPartialLines() {
    List<LogLine> lines = new ArrayList<>();
    LogFrames frames = new LogFrames(false, null, lines::add);
    frames.accept(frame(StreamType.STDOUT, "2026-11-28T01:00:00.123456789Z hel"));
    frames.accept(frame(StreamType.STDOUT, "lo\n"));
    frames.accept(frame(StreamType.STDERR, "2026-11-28T01:00:01Z oops\n"));
    assertThat(lines).containsExactly(
        new LogLine(null, LogLine.Stream.STDOUT, "hello"),
        new LogLine(null, LogLine.Stream.STDERR, "oops"));
  }

  @Test
  void keepsParsedTimestampsWhenAskedAndDropsLinesBeforeSince() {
    List<LogLine> lines = new ArrayList<>();
    LogFrames frames = new LogFrames(true, Instant.parse("2026-11-28T01:00:00.5Z"), lines::add);
    frames.accept(frame(StreamType.STDOUT, "2026-11-28T01:00:00.400Z early\n2026-11-28T01:00:00.600Z late\n"));
    assertThat(lines).containsExactly(new LogLine(Instant.parse("2026-11-28T01:00:00.600Z"), LogLine.Stream.STDOUT, "late"));
  }
}
