package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/** A Swarm listing ({@code node ls}, {@code service ls}, {@code service ps}): docker's text and the same rows as data. */
public record SwarmListing(String output, List<SwarmRow> rows) implements Result {
  public SwarmListing {
    rows = List.copyOf(rows);
  }

  /** The rows of one kind (a listing holds one kind). */
  public <T extends SwarmRow> List<T> rows(Class<T> kind) {
    return rows.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Override
  public String text(PlainTextRenderer r) {
    return output;
  }
}
