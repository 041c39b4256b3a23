package io.berth.app;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import org.slf4j.LoggerFactory;

/**
 * The exception part of a console log line ({@code %stack} in {@link LoggingSetup}'s pattern). A library's error
 * (e.g. docker-java's "Error during callback", which Berth also reports in its own words) stays
 * one line with the error's message: its stack trace only when that logger is at DEBUG
 * ({@code BERTH_LOG_LEVEL=DEBUG}). Berth's own loggers keep their stack traces: those are bugs.
 */
public final class ConsoleStackConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown == null) return "";
    String logger = event.getLoggerName();
    if (logger.startsWith("io.berth.") || LoggerFactory.getLogger(logger).isDebugEnabled()) {
      return CoreConstants.LINE_SEPARATOR + super.convert(event).stripTrailing();
    }
    IThrowableProxy root = thrown;
    while (root.getMessage() == null && root.getCause() != null) root = root.getCause();
    String message = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
    return message.isEmpty() ? "" : ": " + message;
  }
}
