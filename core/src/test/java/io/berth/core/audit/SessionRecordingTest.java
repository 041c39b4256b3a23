package io.berth.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asciicast v2 file of a session: valid JSON lines, whole characters, a visible cut at the cap. */
class SessionRecordingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static String replay(List<String> lines) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String l : lines.subList(1, lines.size())) {
      JsonNode e = JSON.readTree(l);
      if (e.get(1).asText().equals("o")) out.append(e.get(2).asText());
    }
    return out.toString();
  }

  @Test
  void everyLineIsJsonAndACharacterSplitAcrossReadsIsWrittenWhole() throws Exception {
    Recordings recordings = new Recordings(dir, 1 << 20);
    SessionRecording r = recordings.start("s1", 80, 24, Instant.parse("2026-11-30T12:00:00Z"), Map.of("TERM", "xterm"));
    byte[] euro = "€ \"quoted\" \u001b[1mbold\u001b[0m\r\n".getBytes(StandardCharsets.UTF_8);
    r.output(java.util.Arrays.copyOfRange(euro, 0, 1)); // the first byte of €'s three
    r.output(java.util.Arrays.copyOfRange(euro, 1, euro.length));
    r.input("ü\r".getBytes(StandardCharsets.UTF_8));
    r.close();
    List<String> lines = Files.readAllLines(dir.resolve("s1.cast"), StandardCharsets.UTF_8);
    JsonNode header = JSON.readTree(lines.get(0));
    assertThat(header.get("version").asInt()).isEqualTo(2);
    assertThat(header.get("timestamp").asLong()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z").getEpochSecond());
    assertThat(header.get("env").get("TERM").asText()).isEqualTo("xterm");
    assertThat(replay(lines)).isEqualTo("€ \"quoted\" \u001b[1mbold\u001b[0m\r\n");
    assertThat(lines).noneMatch(l -> l.contains("\uFFFD"));
    assertThat(r.typed()).isEqualTo("ü\r");
    assertThat(r.bytesOut()).isEqualTo(euro.length);
    assertThat(Recordings.reference(r)).matches("recording s1\\.cast sha256:[0-9a-f]{64}");
  }

  @Test
  void atItsCapTheRecordingStopsWithAVisibleMarkerAndCountingGoesOn() throws Exception {
    Recordings recordings = new Recordings(dir, 8192);
    SessionRecording r = recordings.start("s2", 80, 24, Instant.now(), Map.of());
    byte[] line = ("x".repeat(99) + "\n").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 200; i++) r.output(line);
    r.close();
    Path file = dir.resolve("s2.cast");
    assertThat(Files.size(file)).isLessThanOrEqualTo(8192);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(replay(lines)).endsWith("[berth] recording stopped: it reached its size cap (8192 bytes); the session went on"
        + " unrecorded\r\n");
    assertThat(lines.get(lines.size() - 1)).endsWith(", \"m\", \"recording cap reached\"]");
    assertThat(r.capped()).isTrue();
    assertThat(r.bytesOut()).isEqualTo(200L * line.length);
  }

  @Test
  void aRecordingIdThatIsNotAPlainNameIsRefused() {
    Recordings recordings = new Recordings(dir, 1 << 20);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> recordings.start("../x", 80, 24, Instant.now(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Recordings.named("recording ../x.cast sha256:" + "0".repeat(64))).isEmpty();
  }
}
