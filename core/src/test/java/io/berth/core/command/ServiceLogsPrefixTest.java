package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.result.LogLine;
import io.berth.core.result.ServiceLogLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code service logs}' per-line context as docker prints it: {@code NAME.SLOT.TASKID@NODE    | }. */
class ServiceLogsPrefixTest {
  static JsonNode json(String s) {
    return Swarm.json(s.replace('\'', '"'));
  }

  static final List<JsonNode> NODES = List.of(
      json("{'ID':'node1aaaaaaaaaaaaaaaaaaaa','Description':{'Hostname':'fleet-m1'}}"),
      json("{'ID':'node2bbbbbbbbbbbbbbbbbbbb','Description':{'Hostname':'fleet-w1'}}"));

  static ServiceLogLine line(String task, String node) {
    return new ServiceLogLine(task, node, new LogLine(null, LogLine.Stream.STDOUT, "hello"));
  }

  @Test
  void aReplicatedServicesLinesNameSlotShortTaskIdAndHostnamePaddedToTheWidestSlot() {
    JsonNode web = json("{'ID':'svc','Spec':{'Name':'web','Mode':{'Replicated':{'Replicas':10}}}}");
    ServiceLogs.Prefixes p = new ServiceLogs.Prefixes(web, List.of(
        json("{'ID':'task1xxxxxxxxxxxxxxxxxxxx','Slot':1}"), json("{'ID':'task10yyyyyyyyyyyyyyyyyyy','Slot':10}")), NODES);
    assertThat(p.of(line("task1xxxxxxxxxxxxxxxxxxxx", "node2bbbbbbbbbbbbbbbbbbbb")))
        .isEqualTo("web.1.task1xxxxxxx@fleet-w1     | ");
    assertThat(p.of(line("task10yyyyyyyyyyyyyyyyyyy", "node1aaaaaaaaaaaaaaaaaaaa")))
        .isEqualTo("web.10.task10yyyyyy@fleet-m1    | ");
  }

  @Test
  void aGlobalServicesLinesNameTheNodeIdAndALineWithoutDetailsIsLeftAsItIs() {
    JsonNode agent = json("{'ID':'svc','Spec':{'Name':'agent','Mode':{'Global':{}}}}");
    ServiceLogs.Prefixes p = new ServiceLogs.Prefixes(agent, List.of(json("{'ID':'task3zzzzzzzzzzzzzzzzzzzz'}")), NODES);
    assertThat(p.of(line("task3zzzzzzzzzzzzzzzzzzzz", "node1aaaaaaaaaaaaaaaaaaaa")))
        .isEqualTo("agent.node1aaaaaaaaaaaaaaaaaaaa.task3zzzzzzz@fleet-m1    | ");
    assertThat(p.of(line("", ""))).isEmpty();
  }
}
