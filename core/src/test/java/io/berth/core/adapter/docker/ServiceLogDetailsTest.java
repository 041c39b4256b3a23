package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.LogLine;
import io.berth.core.result.ServiceLogLine;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A service log line read with details: the engine's task and node ids taken off the front of the line. */
class ServiceLogDetailsTest {
  @Test
  void theSwarmDetailsBecomeTheLinesTaskAndNodeAndTheTextIsWhatThTaskPrinted() {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    ServiceLogLine l = LogReader.detailed(new LogLine(t, LogLine.Stream.STDERR,
        "com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 hello world"));
    assertThat(l.taskId()).isEqualTo("t1");
    assertThat(l.nodeId()).isEqualTo("n1");
    assertThat(l.line()).isEqualTo(new LogLine(t, LogLine.Stream.STDERR, "hello world"));

    ServiceLogLine plain = LogReader.detailed(new LogLine(null, LogLine.Stream.STDOUT, "just a line"));
    assertThat(plain.taskId()).isEmpty();
    assertThat(plain.line().text()).isEqualTo("just a line");
  }
}
