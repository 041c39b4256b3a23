package io.berth.core.testing;

import java.util.Arrays;

/** The benchmarks' one percentile: nearest rank, as their reports (docs/benchmarks.md) state it. */
public final class Percentiles {
  private Percentiles() {}

  /** The index of the {@code p}th percentile (nearest rank) in {@code size} sorted samples. */
  public static int rank(int size, int p) {
    if (size == 0) throw new IllegalArgumentException("no samples");
    return Math.max(0, Math.min((int) Math.ceil(p / 100.0 * size) - 1, size - 1));
  }

  /** The {@code p}th percentile of nanosecond samples (any order), in milliseconds. */
  public static double ms(long[] ns, int p) {
    long[] s = ns.clone();
    Arrays.sort(s);
    return s[rank(s.length, p)] / 1e6;
  }
}
