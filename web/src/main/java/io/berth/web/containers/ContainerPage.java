package io.berth.web.containers;

import io.berth.core.result.ContainerSummary;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page of the containers list, cut on the server: every matching container of the contexts shown, sorted
 * stably by (context, name, id), and the {@link #SIZE} rows of page {@code page}. The engine filters (docker's own
 * {@code ps} filters), the console sorts, counts and slices, so the browser gets at most one page of rows however
 * many containers the fleet has.
 */
public record ContainerPage(List<Row> rows, int page, int size, int total) {
  /** Rows per page. */
  public static final int SIZE = 100;

  /** A container and the context it was listed in (always named, the default context too). */
  public record Row(String context, ContainerSummary c) {}

  /** The list's one order: context, then name, then id (names are unique per context; ids break nothing). */
  public static final Comparator<Row> ORDER = Comparator.comparing(Row::context)
      .thenComparing(r -> r.c().name())
      .thenComparing(r -> r.c().id());

  public ContainerPage {
    rows = List.copyOf(rows);
  }

  /**
   * Page {@code page} (1-based; past the last page: the last page) of every container in {@code byContext}.
   *
   * @param matching receives every row in order (the live feed keeps them to count and place new rows); may be null
   */
  public static ContainerPage of(Map<String, List<ContainerSummary>> byContext, int page, int size, List<Row> matching) {
    List<Row> all = new ArrayList<>();
    byContext.forEach((context, list) -> list.forEach(c -> all.add(new Row(context, c))));
    all.sort(ORDER);
    if (matching != null) matching.addAll(all);
    int pages = Math.max(1, (all.size() + size - 1) / size);
    int p = Math.min(Math.max(1, page), pages);
    int from = (p - 1) * size;
    return new ContainerPage(all.subList(from, Math.min(all.size(), from + size)), p, size, all.size());
  }

  public int pages() {
    return Math.max(1, (total + size - 1) / size);
  }

  public boolean hasPrevious() {
    return page > 1;
  }

  public boolean hasNext() {
    return page < pages();
  }

  /** Whether rows after this page exist (the live feed inserts a new container only inside the page's range). */
  public boolean last() {
    return !hasNext();
  }

  /** {@code 1–100 of 5,000}, or {@code 0 of 0}. */
  public String counts() {
    return counts(rows.isEmpty() ? 0 : (page - 1) * size + 1, rows.size(), total);
  }

  static String counts(int first, int shown, int total) {
    NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
    if (shown == 0) return "0 of " + n.format(total);
    return n.format(first) + "–" + n.format(first + shown - 1) + " of " + n.format(total);
  }
}
