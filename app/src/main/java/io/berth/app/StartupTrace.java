package io.berth.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code BERTH_TRACE_STARTUP=1}: every start-up step of a CLI call, and every engine and audit call it makes,
 * printed to stderr with its duration in ms, the ms since the JVM started and the thread (steps run in
 * parallel), then the process's CPU time at exit. How docs/benchmarks.md's in-process breakdown is measured.
 * Off (the default) it costs one environment look-up: no proxies, no clock reads.
 */
final class StartupTrace {
  static final boolean ON = isOn(System.getenv("BERTH_TRACE_STARTUP"));

  private StartupTrace() {}

  static boolean isOn(String value) {
    return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  /** One line: a point in time (no duration). */
  static void mark(String what) {
    if (ON) print(what, -1);
  }

  static <T> T step(String what, Supplier<T> work) {
    if (!ON) return work.get();
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      print(what, System.nanoTime() - start);
    }
  }

  static void step(String what, Runnable work) {
    step(what, () -> {
      work.run();
      return null;
    });
  }

  /** {@code target} itself when tracing is off; else a proxy that traces each call of {@code port}'s methods. */
  @SuppressWarnings("unchecked")
  static <T> T calls(Class<T> port, T target, String name) {
    if (!ON) return target;
    return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      long start = System.nanoTime();
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        print(name + "." + method.getName(), System.nanoTime() - start);
      }
    });
  }

  /** The process's CPU time so far (user + system, every thread): the last line of a trace. */
  static void cpu() {
    if (!ON) return;
    ProcessHandle.current().info().totalCpuDuration()
        .ifPresent(d -> System.err.printf("berth-trace: %6d ms since JVM start, CPU %d ms (all threads)%n",
            sinceJvmStart(), d.toMillis()));
  }

  private static void print(String what, long nanos) {
    String took = nanos < 0 ? "" : String.format("%5d ms  ", nanos / 1_000_000);
    System.err.printf("berth-trace: +%5d ms  %s%s [%s]%n", sinceJvmStart(), took, what, Thread.currentThread().getName());
  }

  private static long sinceJvmStart() {
    Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    return java.time.Duration.between(start, Instant.now()).toMillis();
  }
}
