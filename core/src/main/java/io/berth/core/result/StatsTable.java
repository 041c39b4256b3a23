package io.berth.core.result;

import io.berth.core.render.PlainTextRenderer;
import java.util.List;

/**
 * {@code stats --no-stream} of several containers, of every running one, or with {@code --format}:
 * one sample per container, in the order asked for; {@code format} null for docker's table.
 * {@code labels} is what docker's {@code .Container} shows for each row (the name or id as typed;
 * the short id when no container was named); {@code noTrunc} shows whole ids ({@code --no-trunc}).
 */
public record StatsTable(List<StatsSnapshot> samples, List<String> labels, String format, boolean noTrunc) implements Result {
  public StatsTable {
    samples = List.copyOf(samples);
    labels = labels == null ? samples.stream().map(s -> s.name()).toList() : List.copyOf(labels);
    if (labels.size() != samples.size()) throw new IllegalArgumentException("one label per sample");
  }

  public StatsTable(List<StatsSnapshot> samples, List<String> labels, String format) {
    this(samples, labels, format, false);
  }

  public StatsTable(List<StatsSnapshot> samples, String format) {
    this(samples, null, format);
  }

  @Override
  public String text(PlainTextRenderer r) {
    return PlainTextRenderer.stats(this);
  }
}
