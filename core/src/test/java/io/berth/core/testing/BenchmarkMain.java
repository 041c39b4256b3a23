package io.berth.core.testing;

/** How a benchmark's {@code main} ends: its failure printed and thrown, else the JVM exits at once. */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  /** One benchmark run. */
  @FunctionalInterface
  public interface Run {
    void run() throws Exception;
  }

  /**
   * Runs {@code run}; a failure is printed (exec:java may swallow it) and thrown. Then exits 0: the engines' and
   * HTTP clients' threads would keep the JVM (and exec:java) waiting.
   */
  public static void runThenExit(Run run) throws Exception {
    try {
      run.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      throw e;
    }
    System.exit(0);
  }
}
