package io.berth.web.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.web.view.ContainerFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerFeedTest {
  private static final ContainerSummary WEB = new ContainerSummary("id1", "web", "img:1", "running", "Up 2 hours",
      List.of("8080->80/tcp"), Instant.EPOCH, Map.of("team", "pay"));

  private static ContainerEvent event(String id, String name, String action, Integer exit, Map<String, String> attrs) {
    return new ContainerEvent(Instant.parse("2026-11-28T03:12:00Z"), id, name, action, exit, attrs);
  }

  @Test
  void dieReplacesTheRowWithExitedStateKeepingPortsAndImage() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), List.of(WEB));
    var change = feed.apply(event("id1", "web", "die", 137, Map.of())).orElseThrow();
    assertThat(change).isInstanceOf(ContainerFeed.Replace.class);
    ContainerSummary row = ((ContainerFeed.Replace) change).row();
    assertThat(row.state()).isEqualTo("exited");
    assertThat(row.status()).isEqualTo("Exited (137) at 03:12:00");
    assertThat(row.ports()).containsExactly("8080->80/tcp");
    assertThat(row.image()).isEqualTo("img:1");
  }

  @Test
  void createdContainerIsInsertedFromTheEventsAttributes() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), List.of(WEB));
    var change = feed.apply(event("id2", "db", "create", null, Map.of("image", "pg:16", "name", "db", "tier", "data")))
        .orElseThrow();
    ContainerSummary row = ((ContainerFeed.Insert) change).row();
    assertThat(row.image()).isEqualTo("pg:16");
    assertThat(row.labels()).containsExactly(Map.entry("tier", "data"));
    assertThat(row.state()).isEqualTo("created");
  }

  @Test
  void containerLeavingTheStateFilterIsDeletedAndUnknownOnesAreIgnored() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "running", ""), List.of(WEB));
    assertThat(feed.apply(event("id1", "web", "die", 0, Map.of()))).containsInstanceOf(ContainerFeed.Delete.class);
    assertThat(feed.apply(event("zzz", "other", "die", 0, Map.of()))).isEmpty();
    // and it comes back when it starts again
    assertThat(feed.apply(event("id1", "web", "start", null, Map.of()))).containsInstanceOf(ContainerFeed.Insert.class);
  }

  @Test
  void eventsThatDoNotChangeARowSendNothing() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), List.of(WEB));
    assertThat(feed.apply(event("id1", "web", "exec_start: sh", null, Map.of()))).isEmpty();
    assertThat(feed.apply(event("id1", "web", "destroy", null, Map.of()))).containsInstanceOf(ContainerFeed.Delete.class);
    assertThat(feed.apply(event("id1", "web", "destroy", null, Map.of()))).isEmpty();
  }

  @Test
  void nameAndLabelFiltersApplyToNewContainers() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("pay", "all", "team=pay"), List.of());
    assertThat(feed.apply(event("a", "pay-api", "create", null, Map.of("team", "pay")))).isPresent();
    assertThat(feed.apply(event("b", "pay-db", "create", null, Map.of("team", "ops")))).isEmpty();
    assertThat(feed.apply(event("c", "web", "create", null, Map.of("team", "pay")))).isEmpty();
  }
}
