package io.berth.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** node ls, service ls, service ps and stack ls as docker's formatters print them. */
class SwarmListingsTest {
  static JsonNode json(String s) {
    try {
      return new ObjectMapper().readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void nodesSortedByHostnameWithDockersColumns() {
    String out = SwarmListings.nodes(List.of(
        json("{'ID':'w1id','Description':{'Hostname':'w1','Engine':{'EngineVersion':'20.10.24'}},'Status':{'State':'ready'},'Spec':{'Availability':'drain'}}"),
        json("{'ID':'m1id','Description':{'Hostname':'m1','Engine':{'EngineVersion':'20.10.24'}},'Status':{'State':'ready'},"
            + "'Spec':{'Availability':'active'},'ManagerStatus':{'Leader':true,'Reachability':'reachable'}}")),
        "m1id", Listings.View.DEFAULT);
    assertThat(out).isEqualTo("""
        ID        HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION
        m1id *    m1         Ready     Active         Leader           20.10.24
        w1id      w1         Ready     Drain                           20.10.24
        """);
  }

  @Test
  void servicesWithReplicasImageWithoutDigestAndPorts() {
    String out = SwarmListings.services(List.of(json("{'ID':'abcdefghijklmnopqrstuvwxy','Spec':{'Name':'web','Mode':{'Replicated':{'Replicas':4}},"
        + "'TaskTemplate':{'ContainerSpec':{'Image':'nginx:1.25@sha256:" + "a".repeat(64) + "'}}},"
        + "'Endpoint':{'Ports':[{'Protocol':'tcp','TargetPort':80,'PublishedPort':8080}]},"
        + "'ServiceStatus':{'RunningTasks':3,'DesiredTasks':4}}")), Listings.View.DEFAULT);
    assertThat(out).isEqualTo("""
        ID             NAME      MODE         REPLICAS   IMAGE        PORTS
        abcdefghijkl   web       replicated   3/4        nginx:1.25   *:8080->80/tcp
        """);
    assertThat(SwarmListings.services(List.of(json("{'ID':'x1','Spec':{'Name':'g','Mode':{'Global':{}}}}")),
        new Listings.View(false, false, "{{.Name}} {{.Mode}}"))).isEqualTo("g global\n");
  }

  @Test
  void tasksNewestFirstPerSlotTheOlderMarked() {
    Instant now = Instant.parse("2026-11-30T10:01:00Z");
    String out = SwarmListings.tasks(List.of(
        json("{'ID':'old1','ServiceID':'s','Slot':1,'NodeID':'n1','DesiredState':'shutdown','Spec':{'ContainerSpec':{'Image':'b:1'}},"
            + "'Status':{'State':'failed','Timestamp':'2026-11-30T10:00:00Z','Err':'task: non-zero exit (1): the reason is long enough'}}"),
        json("{'ID':'new1','ServiceID':'s','Slot':1,'NodeID':'n2','DesiredState':'running','Spec':{'ContainerSpec':{'Image':'b:2'}},"
            + "'Status':{'State':'running','Timestamp':'2026-11-30T10:00:55Z'}}")),
        Map.of("s", "web"), Map.of("n1", "w1", "n2", "w2"), now, Listings.View.DEFAULT);
    assertThat(out).isEqualTo(String.join("\n",
        "ID        NAME        IMAGE     NODE      DESIRED STATE   CURRENT STATE               ERROR                              PORTS",
        "new1      web.1       b:2       w2        Running         Running 5 seconds ago                                          ",
        "old1       \\_ web.1   b:1       w1        Shutdown        Failed about a minute ago   \"task: non-zero exit (1): the …\"   ",
        ""));
  }

  @Test
  void stacksByNameWithTheirNumberOfServices() {
    assertThat(SwarmListings.stacks(Map.of("shop", 2, "blog", 1), null)).isEqualTo("""
        NAME      SERVICES
        blog      1
        shop      2
        """);
  }
}
