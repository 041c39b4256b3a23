package io.berth.app;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Logging for a one-shot {@code ./berth docker …} call: the same lines {@link LoggingSetup} gives it (Berth's own
 * events at {@code BERTH_LOG_LEVEL}, default INFO, one line each on stderr; libraries silent, since docker shows
 * only its own {@code Error …} line), without starting Logback. Logback's context, appender and encoder cost a
 * one-shot call ~35 ms of its start-up (docs/benchmarks.md), for a terminal on which Berth itself rarely logs.
 *
 * <p>{@link #chooseFor} picks it before anything logs, through SLF4J's {@code slf4j.provider} property; with
 * {@code BERTH_LOG_LEVEL=DEBUG} or TRACE (everything, libraries included, with their stacks) or
 * {@code -Dlogback.configurationFile}, Logback stays in charge.
 */
public final class TerminalLogging implements SLF4JServiceProvider {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private final Factory loggers = new Factory(threshold(System.getenv("BERTH_LOG_LEVEL")), System.err);

  /** Makes this the SLF4J provider for {@code args} when it is a {@code docker} call that asks for no debugging. */
  static void chooseFor(String... args) {
    if (args.length == 0 || !args[0].equals("docker")) return;
    if (System.getProperty("logback.configurationFile") != null || System.getProperty("slf4j.provider") != null) return;
    if (threshold(System.getenv("BERTH_LOG_LEVEL")).toInt() <= Level.DEBUG.toInt()) return;
    System.setProperty("slf4j.provider", TerminalLogging.class.getName());
    // SLF4J reports a provider chosen this way on stderr ("SLF4J(I): Attempting to load provider …"): not on a terminal
    if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "WARN");
  }

  /** {@code BERTH_LOG_LEVEL} as LoggingSetup reads it: a level name, anything else INFO. */
  static Level threshold(String name) {
    if (name == null) return Level.INFO;
    try {
      return Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: that is the point
  }

  /** Berth's loggers print at the threshold and above; every library's logger is off, as on Logback's terminal. */
  record Factory(Level threshold, PrintStream err, ConcurrentMap<String, Logger> made) implements ILoggerFactory {
    Factory(Level threshold, PrintStream err) {
      this(threshold, err, new ConcurrentHashMap<>());
    }

    @Override
    public Logger getLogger(String name) {
      return made.computeIfAbsent(name, n -> new Line(n, n.startsWith("io.berth.") ? threshold.toInt() : Integer.MAX_VALUE, err));
    }
  }

  /** One event, one line: {@code HH:mm:ss.SSS LEVEL logger - message}, then Berth's own exception with its stack. */
  static final class Line extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final int threshold;
    private final transient PrintStream err;

    Line(String name, int threshold, PrintStream err) {
      this.name = name;
      this.threshold = threshold;
      this.err = err;
    }

    private boolean on(Level level) {
      return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
      return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
        Throwable thrown) {
      String text = String.format(Locale.ROOT, "%s %-5s %s - %s", LocalTime.now().format(TIME), level,
          abbreviate(name, 24), MessageFormatter.basicArrayFormat(pattern, arguments));
      synchronized (err) {
        err.println(text);
        if (thrown != null) thrown.printStackTrace(err);
      }
    }
  }

  /**
   * Logback's {@code %logger{24}}: while the name is longer than {@code target}, its package segments, left to
   * right, shrink to their first letter; the class name stays whole.
   */
  static String abbreviate(String name, int target) {
    if (name.length() <= target) return name;
    String[] parts = name.split("\\.");
    int length = name.length();
    for (int i = 0; i < parts.length - 1 && length > target; i++) {
      length -= parts[i].length() - 1;
      parts[i] = parts[i].isEmpty() ? "" : parts[i].substring(0, 1);
    }
    return String.join(".", parts);
  }
}
