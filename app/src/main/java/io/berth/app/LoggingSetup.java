package io.berth.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Berth's logging, set up in code: one line per event on stderr, root level from
 * {@code BERTH_LOG_LEVEL} (default INFO), chatty libraries raised to WARN and their errors logged as warnings
 * ({@link LibraryErrorsAsWarnings}); on a {@code ./berth docker} terminal libraries say nothing. Logback finds it through
 * {@code META-INF/services}; doing it in code spares every CLI call Logback's XML configurator
 * (~300 classes and a parse, docs/benchmarks.md). {@code -Dlogback.configurationFile=FILE} still
 * wins: then this steps aside and Logback reads that file.
 */
public final class LoggingSetup extends ContextAwareBase implements ch.qos.logback.classic.spi.Configurator {
  // %stack: a library's error stays one line (its stack only at DEBUG); Berth's own keep their stacks
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%stack%n";
  static final Map<String, Level> LIBRARIES = Map.of(
      "org.apache.hc", Level.WARN,
      "com.github.dockerjava", Level.WARN,
      "org.eclipse.jetty", Level.WARN,
      // a browser leaving an SSE stream is normal, not a warning
      "io.javalin.Javalin", Level.ERROR,
      "com.slack.api", Level.WARN,
      "net.dv8tion", Level.INFO);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
    rules.put("stack", ConsoleStackConverter::new);
    context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getenv("BERTH_LOG_LEVEL"), Level.INFO));
    root.addAppender(stderr);
    LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
    LibraryErrorsAsWarnings demote = new LibraryErrorsAsWarnings();
    demote.setContext(context);
    demote.start();
    context.addTurboFilter(demote);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * {@code ./berth docker}: the terminal is the user's, and docker shows only its own {@code Error …} line
   * (which Berth prints from the outcome), so the libraries say nothing there, unless BERTH_LOG_LEVEL=DEBUG
   * asks for everything. Leaves a configuration from {@code -Dlogback.configurationFile} alone.
   */
  static void quietLibrariesOnTerminal() {
    if (System.getProperty("logback.configurationFile") != null) return;
    Level wanted = Level.toLevel(System.getenv("BERTH_LOG_LEVEL"), Level.INFO);
    if (wanted.levelInt <= Level.DEBUG_INT) return;
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) quietLibraries(context);
  }

  static void quietLibraries(LoggerContext context) {
    LIBRARIES.keySet().forEach(name -> context.getLogger(name).setLevel(Level.OFF));
  }

  /**
   * A library's ERROR (docker-java's "Error during callback" for every failed pull, which Berth reports in its
   * own words) is a WARN in Berth's log: one line, its stack only at DEBUG ({@link ConsoleStackConverter}).
   * Berth's own errors stay errors: those are bugs.
   */
  static final class LibraryErrorsAsWarnings extends ch.qos.logback.classic.turbo.TurboFilter {
    @Override
    public ch.qos.logback.core.spi.FilterReply decide(org.slf4j.Marker marker, ch.qos.logback.classic.Logger logger,
        Level level, String format, Object[] params, Throwable t) {
      if (level != Level.ERROR || logger.getName().startsWith("io.berth.")) return ch.qos.logback.core.spi.FilterReply.NEUTRAL;
      if (format == null && t == null) return ch.qos.logback.core.spi.FilterReply.NEUTRAL; // an isErrorEnabled() check
      if (logger.isWarnEnabled()) {
        logger.log(marker, ch.qos.logback.classic.Logger.class.getName(),
            org.slf4j.spi.LocationAwareLogger.WARN_INT, format, params, t);
      }
      return ch.qos.logback.core.spi.FilterReply.DENY;
    }
  }
}
