package io.berth.web.containers;

import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.web.containers.ContainerPage.Row;
import io.berth.web.view.ContainerFilter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One open page of the containers list, kept in step with Docker events of every context it shows, so each event
 * turns into the smallest change to that page: a visible row replaced or deleted, a new matching container inserted
 * in its place when it sorts inside the page, and the counts. It knows every matching container (to count them and
 * tell a new one from a known one) but the page only ever hears about its own rows: an event for a container on
 * another page changes at most the counts.
 */
public final class ContainerFeed {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** What to do to the page. */
  public sealed interface Change permits Replace, Insert, Delete, Counts {}

  public record Replace(Row row) implements Change {}

  /** {@code row} goes before {@code before} (a visible row), or last when {@code before} is null. */
  public record Insert(Row row, Row before) implements Change {}

  public record Delete(String context, String id) implements Change {}

  /** The page's counts changed: {@code 1–100 of 5,001}. */
  public record Counts(String text) implements Change {}

  private record Key(String context, String id) {}

  private final ContainerFilter filter;
  private final int page;
  private final Map<Key, ContainerSummary> matching = new HashMap<>();
  private final TreeSet<Row> visible = new TreeSet<>(ContainerPage.ORDER);
  private final Map<Key, Row> visibleByKey = new HashMap<>();
  private final int size;
  /** The page's range in the list's order: rows before {@code lo} are on earlier pages, after {@code hi} on later ones. */
  private final Row lo;
  private Row hi;

  /** @param all every matching row, as {@link ContainerPage#of} listed them; {@code shown} the page cut from them */
  public ContainerFeed(ContainerFilter filter, List<Row> all, ContainerPage shown) {
    this.filter = filter;
    this.page = shown.page();
    this.size = shown.size();
    all.forEach(r -> matching.put(key(r), r.c()));
    shown.rows().forEach(this::show);
    lo = page > 1 && !visible.isEmpty() ? visible.first() : null;
    hi = shown.last() || visible.isEmpty() ? null : visible.last();
  }

  /** One context's container list on one page (a single-engine console, and tests). */
  public ContainerFeed(ContainerFilter filter, String context, List<ContainerSummary> initial) {
    this(filter, rows(context, initial), ContainerPage.of(Map.of(context, initial), 1, ContainerPage.SIZE, null));
  }

  private static List<Row> rows(String context, List<ContainerSummary> list) {
    List<Row> all = new ArrayList<>();
    ContainerPage.of(Map.of(context, list), 1, Integer.MAX_VALUE, all);
    return all;
  }

  /** The changes {@code e} (an event of {@code context}'s engine) makes to the page; empty when none. */
  public synchronized List<Change> apply(String context, ContainerEvent e) {
    Key k = new Key(context, e.containerId());
    ContainerSummary known = matching.get(k);
    Row shown = visibleByKey.get(k);
    List<Change> out = new ArrayList<>();
    if ("destroy".equals(e.action())) {
      if (known == null) return out;
      leave(k, shown, out);
      return out;
    }
    ContainerSummary next = withState(known != null ? known : fromEvent(e), e);
    if (next == null) return out; // an event that does not change what a row shows
    if (!filter.matches(next)) {
      if (known != null) leave(k, shown, out);
      return out;
    }
    matching.put(k, next);
    int before = visible.size();
    Row row = new Row(context, next);
    if (shown != null && ContainerPage.ORDER.compare(shown, row) == 0) {
      hide(shown);
      show(row);
      out.add(new Replace(row));
    } else {
      if (shown != null) { // renamed: its place in the order moved
        hide(shown);
        out.add(new Delete(context, shown.c().id()));
      }
      if (inRange(row)) {
        show(row);
        out.add(new Insert(row, visible.higher(row)));
        if (visible.size() > size) { // the page is full: its last row moves to the next page
          Row pushed = visible.last();
          hide(pushed);
          out.add(new Delete(pushed.context(), pushed.c().id()));
          hi = visible.last();
        }
      }
    }
    if (known == null || visible.size() != before) out.add(counts());
    return out;
  }

  private void leave(Key k, Row shown, List<Change> out) {
    matching.remove(k);
    if (shown != null) {
      hide(shown);
      out.add(new Delete(k.context(), k.id()));
    }
    out.add(counts());
  }

  private boolean inRange(Row r) {
    return (lo == null || ContainerPage.ORDER.compare(r, lo) >= 0) && (hi == null || ContainerPage.ORDER.compare(r, hi) <= 0);
  }

  private Counts counts() {
    return new Counts(ContainerPage.counts((page - 1) * size + 1, visible.size(), matching.size()));
  }

  private void show(Row r) {
    visible.add(r);
    visibleByKey.put(key(r), r);
  }

  private void hide(Row r) {
    visible.remove(r);
    visibleByKey.remove(key(r));
  }

  private static Key key(Row r) {
    return new Key(r.context(), r.c().id());
  }

  private static ContainerSummary fromEvent(ContainerEvent e) {
    Map<String, String> labels = new LinkedHashMap<>(e.attributes());
    String image = labels.remove("image");
    labels.remove("name");
    labels.remove("exitCode");
    labels.remove("signal");
    return new ContainerSummary(e.containerId(), e.name() == null ? e.containerId() : e.name(),
        image == null ? "" : image, "created", "Created", List.of(), e.time(), labels);
  }

  /** The row after the event, or null when the event does not change state. */
  static ContainerSummary withState(ContainerSummary c, ContainerEvent e) {
    String at = CLOCK.format(e.time());
    String state;
    String status;
    switch (e.action()) {
      case "create" -> {
        state = "created";
        status = "Created";
      }
      case "start", "restart", "unpause" -> {
        state = "running";
        status = "Up since " + at;
      }
      case "die" -> {
        state = "exited";
        status = "Exited (" + (e.exitCode() == null ? "?" : e.exitCode()) + ") at " + at;
      }
      case "pause" -> {
        state = "paused";
        status = "Paused since " + at;
      }
      case "rename" -> {
        state = c.state();
        status = c.status();
      }
      default -> {
        return null;
      }
    }
    String name = e.name() == null || e.name().isEmpty() ? c.name() : e.name();
    return new ContainerSummary(c.id(), name, c.image(), state, status, c.ports(), c.created(), c.labels());
  }
}
