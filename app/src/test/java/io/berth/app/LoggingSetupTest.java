package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** A library's error is one WARN line in the server log; on a CLI terminal it is not shown at all. */
class LoggingSetupTest {
  final LoggerContext context = new LoggerContext();
  final ListAppender<ILoggingEvent> seen = new ListAppender<>();

  LoggingSetupTest() {
    new LoggingSetup().configure(context);
    seen.setContext(context);
    seen.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);
  }

  @Test
  void aLibrarysErrorIsLoggedOnceAsAWarning() {
    context.getLogger("com.github.dockerjava.api.async.ResultCallbackTemplate")
        .error("Error during callback", new IllegalStateException("Status 404: manifest unknown"));
    assertThat(seen.list).hasSize(1);
    assertThat(seen.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(seen.list.get(0).getFormattedMessage()).isEqualTo("Error during callback");
    assertThat(seen.list.get(0).getThrowableProxy().getMessage()).contains("manifest unknown");
    assertThat(seen.list.get(0).getLoggerName()).isEqualTo("com.github.dockerjava.api.async.ResultCallbackTemplate");
  }

  @Test
  void berthsOwnErrorsStayErrors() {
    context.getLogger("io.berth.core.Something").error("a bug");
    assertThat(seen.list).singleElement().extracting(ILoggingEvent::getLevel).isEqualTo(Level.ERROR);
  }

  @Test
  void onACliTerminalLibrariesSayNothing() {
    LoggingSetup.quietLibraries(context);
    context.getLogger("com.github.dockerjava.api.async.ResultCallbackTemplate")
        .error("Error during callback", new IllegalStateException("boom"));
    context.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient").warn("retrying");
    context.getLogger("io.berth.app.Something").warn("Berth's own warning");
    assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("Berth's own warning");
  }
}
