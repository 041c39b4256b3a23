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

  /** The change to the row (counts aside), if any. */
  private static java.util.Optional<ContainerFeed.Change> first(ContainerFeed feed, ContainerEvent e) {
    return feed.apply("local", e).stream().filter(c -> !(c instanceof ContainerFeed.Counts)).findFirst();
  }

  @Test
  void dieReplacesTheRowWithExitedStateKeepingPortsAndImage() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), "local", List.of(WEB));
    var change = first(feed, event("id1", "web", "die", 137, Map.of())).orElseThrow();
    assertThat(change).isInstanceOf(ContainerFeed.Replace.class);
    ContainerSummary row = ((ContainerFeed.Replace) change).row().c();
    assertThat(row.state()).isEqualTo("exited");
    assertThat(row.status()).isEqualTo("Exited (137) at 03:12:00");
    assertThat(row.ports()).containsExactly("8080->80/tcp");
    assertThat(row.image()).isEqualTo("img:1");
  }

  @Test
  void createdContainerIsInsertedFromTheEventsAttributes() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), "local", List.of(WEB));
    var change = first(feed, event("id2", "db", "create", null, Map.of("image", "pg:16", "name", "db", "tier", "data")))
        .orElseThrow();
    ContainerSummary row = ((ContainerFeed.Insert) change).row().c();
    assertThat(row.image()).isEqualTo("pg:16");
    assertThat(row.labels()).containsExactly(Map.entry("tier", "data"));
    assertThat(row.state()).isEqualTo("created");
  }

  @Test
  void containerLeavingTheStateFilterIsDeletedAndUnknownOnesAreIgnored() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "running", ""), "local", List.of(WEB));
    assertThat(first(feed, event("id1", "web", "die", 0, Map.of()))).containsInstanceOf(ContainerFeed.Delete.class);
    assertThat(first(feed, event("zzz", "other", "die", 0, Map.of()))).isEmpty();
    // and it comes back when it starts again
    assertThat(first(feed, event("id1", "web", "start", null, Map.of()))).containsInstanceOf(ContainerFeed.Insert.class);
  }

  @Test
  void eventsThatDoNotChangeARowSendNothing() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), "local", List.of(WEB));
    assertThat(first(feed, event("id1", "web", "exec_start: sh", null, Map.of()))).isEmpty();
    assertThat(first(feed, event("id1", "web", "destroy", null, Map.of()))).containsInstanceOf(ContainerFeed.Delete.class);
    assertThat(first(feed, event("id1", "web", "destroy", null, Map.of()))).isEmpty();
  }

  @Test
  void nameAndLabelFiltersApplyToNewContainers() {
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("pay", "all", "team=pay"), "local", List.of());
    assertThat(first(feed, event("a", "pay-api", "create", null, Map.of("team", "pay")))).isPresent();
    assertThat(first(feed, event("b", "pay-db", "create", null, Map.of("team", "ops")))).isEmpty();
    assertThat(first(feed, event("c", "web", "create", null, Map.of("team", "pay")))).isEmpty();
  }

  @Test
  void onAPageOfAFleetOnlyThatPagesRowsChangeAndTheCountsFollow() {
    java.util.Map<String, List<ContainerSummary>> byContext = new java.util.LinkedHashMap<>();
    for (String ctx : List.of("a", "b", "c")) {
      List<ContainerSummary> list = new java.util.ArrayList<>();
      for (int i = 0; i < 100; i++) list.add(row(ctx + "-" + i, String.format("app-%03d", i), "exited"));
      byContext.put(ctx, list);
    }
    List<ContainerPage.Row> all = new java.util.ArrayList<>();
    ContainerPage page = ContainerPage.of(byContext, 2, 100, all);
    assertThat(page.counts()).isEqualTo("101–200 of 300");
    assertThat(page.rows()).extracting(r -> r.context()).containsOnly("b");
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), all, page);

    assertThat(feed.apply("a", event("a-5", "app-005", "start", null, Map.of()))).as("a row of page 1").isEmpty();
    assertThat(feed.apply("c", event("c-7", "app-007", "start", null, Map.of()))).as("a row of page 3").isEmpty();
    var onPage = feed.apply("b", event("b-7", "app-007", "start", null, Map.of()));
    assertThat(onPage).singleElement().isInstanceOf(ContainerFeed.Replace.class);

    // a new container of context b sorts into the page: inserted before its successor, the last row moves on
    var created = feed.apply("b", event("b-new", "app-050a", "create", null, Map.of("image", "i")));
    assertThat(created).hasSize(3);
    assertThat(((ContainerFeed.Insert) created.get(0)).before().c().name()).isEqualTo("app-051");
    assertThat(created.get(1)).isEqualTo(new ContainerFeed.Delete("b", "b-99"));
    assertThat(created.get(2)).isEqualTo(new ContainerFeed.Counts("101–200 of 301"));
    assertThat(feed.apply("b", event("b-99", "app-099", "start", null, Map.of()))).as("b-99 is on page 3 now").isEmpty();

    // elsewhere: only the counts
    assertThat(feed.apply("c", event("c-new", "zzz", "create", null, Map.of())))
        .containsExactly(new ContainerFeed.Counts("101–200 of 302"));
    assertThat(feed.apply("a", event("a-1", "app-001", "destroy", null, Map.of())))
        .containsExactly(new ContainerFeed.Counts("101–200 of 301"));
    assertThat(feed.apply("b", event("b-3", "app-003", "destroy", null, Map.of())))
        .containsExactly(new ContainerFeed.Delete("b", "b-3"), new ContainerFeed.Counts("101–199 of 300"));
  }

  @Test
  void theSameIdInTwoContextsIsTwoContainers() {
    List<ContainerPage.Row> all = new java.util.ArrayList<>();
    ContainerPage page = ContainerPage.of(Map.of("a", List.of(row("x1", "web", "running")),
        "b", List.of(row("x1", "web", "running"))), 1, 100, all);
    ContainerFeed feed = new ContainerFeed(new ContainerFilter("", "all", ""), all, page);
    var change = feed.apply("b", event("x1", "web", "die", 1, Map.of()));
    assertThat(change).singleElement().isInstanceOf(ContainerFeed.Replace.class);
    assertThat(((ContainerFeed.Replace) change.get(0)).row().context()).isEqualTo("b");
  }

  private static ContainerSummary row(String id, String name, String state) {
    return new ContainerSummary(id, name, "img", state, state, List.of(), Instant.EPOCH, Map.of());
  }
}
