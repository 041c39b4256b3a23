package io.berth.bot.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects WARN and ERROR log events (JDA logs a payload it cannot read and then waits, so a
 * silent failure would otherwise look like a slow test). Attached programmatically so the bot
 * module needs no shared logback-test.xml.
 */
final class WarningRecorder extends AppenderBase<ILoggingEvent> {
  final List<String> warnings = new CopyOnWriteArrayList<>();

  static WarningRecorder install() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    ctx.getLogger("net.dv8tion").setLevel(Level.INFO);
    WarningRecorder r = new WarningRecorder();
    r.setContext(ctx);
    r.start();
    root.addAppender(r);
    return r;
  }

  void uninstall() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
    stop();
  }

  @Override
  protected void append(ILoggingEvent e) {
    if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
      String t = e.getThrowableProxy() == null ? "" : " | " + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage();
      warnings.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage() + t);
    }
  }
}
