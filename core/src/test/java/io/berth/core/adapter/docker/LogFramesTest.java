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

  @Test
  void aMultiplexedBodyBecomesFramesAndOneWithoutHeadersIsRaw() throws Exception {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Object[] f : new Object[][] {{1, "out line\n"}, {2, "err line\n"}}) {
      byte[] payload = ((String) f[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      body.write(new byte[] {(byte) (int) (Integer) f[0], 0, 0, 0, 0, 0, 0, (byte) payload.length});
      body.write(payload);
    }
    java.util.List<com.github.dockerjava.api.model.Frame> frames = new java.util.ArrayList<>();
    LogFrames.demultiplex(new java.io.ByteArrayInputStream(body.toByteArray()), frames::add);
    org.assertj.core.api.Assertions.assertThat(frames).extracting(f -> f.getStreamType() + " " + new String(f.getPayload(),
        java.nio.charset.StandardCharsets.UTF_8)).containsExactly("STDOUT out line\n", "STDERR err line\n");

    frames.clear();
    LogFrames.demultiplex(new java.io.ByteArrayInputStream("a tty's line\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        frames::add);
    org.assertj.core.api.Assertions.assertThat(frames).extracting(f -> f.getStreamType() + " " + new String(f.getPayload(),
        java.nio.charset.StandardCharsets.UTF_8)).containsExactly("RAW a tty's line\n");
  }
}
