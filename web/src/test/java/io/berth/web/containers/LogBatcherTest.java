package io.berth.web.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.result.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> lines(JsonNode message) {
    List<String> lines = new ArrayList<>();
    message.path("lines").forEach(l -> lines.add(l.asText()));
    return lines;
  }

  @Test
  void aHostileLineArrivesAsTheSameTextWithItsStreamAndTime() throws Exception {
    LogBatcher batcher = new LogBatcher(10, null);
    String hostile = "\"quoted\" \\ back\tslash </script><img src=x onerror=alert(1)> \u0001\u001b[31m red \u2028 end";
    batcher.accept(new LogLine(null, LogLine.Stream.STDOUT, hostile));
    batcher.accept(new LogLine(Instant.parse("2026-12-01T00:00:00Z"), LogLine.Stream.STDERR, "oops"));

    JsonNode message = JSON.readTree(batcher.nextMessage());

    assertThat(message.path("skipped").asInt()).isZero();
    assertThat(lines(message)).containsExactly("o" + hostile, "e2026-12-01T00:00:00Z oops");
  }

  @Test
  void aBurstSendsOnlyTheNewestPageAndSaysHowManyItSkipped() throws Exception {
    LogBatcher batcher = new LogBatcher(3, null);
    for (int i = 1; i <= 10; i++) batcher.accept(new LogLine(null, LogLine.Stream.STDOUT, "line " + i));

    JsonNode first = JSON.readTree(batcher.nextMessage());
    assertThat(first.path("skipped").asInt()).isEqualTo(7);
    assertThat(lines(first)).containsExactly("oline 8", "oline 9", "oline 10");

    batcher.accept(new LogLine(null, LogLine.Stream.STDOUT, "line 11"));
    JsonNode next = JSON.readTree(batcher.nextMessage());
    assertThat(next.path("skipped").asInt()).as("counted once").isZero();
    assertThat(lines(next)).containsExactly("oline 11");
  }
}
