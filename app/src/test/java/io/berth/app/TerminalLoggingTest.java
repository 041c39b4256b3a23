package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** A one-shot docker call logs without Logback, as Logback's terminal set-up would: Berth's lines only, one each. */
class TerminalLoggingTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final TerminalLogging.Factory loggers =
      new TerminalLogging.Factory(Level.INFO, new PrintStream(bytes, true, StandardCharsets.UTF_8));

  String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void berthsOwnWarningIsOneLineInLogbacksPattern() {
    loggers.getLogger("io.berth.core.service.CommandService").warn("engine {} answered {}", "prod", 500);
    assertThat(printed()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  i\\.b\\.c\\.s\\.CommandService - engine prod answered 500\\R");
  }

  @Test
  void librariesSayNothingEvenTheirErrors() {
    loggers.getLogger("com.github.dockerjava.api.async.ResultCallbackTemplate")
        .error("Error during callback", new IllegalStateException("boom"));
    loggers.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient").warn("retrying");
    assertThat(printed()).isEmpty();
  }

  @Test
  void belowTheThresholdNothingIsPrinted() {
    var log = loggers.getLogger("io.berth.app.Something");
    log.debug("details");
    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(log.isInfoEnabled()).isTrue();
    assertThat(printed()).isEmpty();
  }

  @Test
  void berthsOwnErrorKeepsItsStack() {
    loggers.getLogger("io.berth.app.Something").error("a bug", new IllegalStateException("boom"));
    assertThat(printed()).contains("ERROR io.berth.app.Something - a bug")
        .contains("java.lang.IllegalStateException: boom").contains("\tat ");
  }

  @Test
  void namesShrinkAsLogbacksLoggerPatternShrinksThem() {
    TargetLengthBasedClassNameAbbreviator logback = new TargetLengthBasedClassNameAbbreviator(24);
    for (String name : new String[] {"io.berth.app.Main", "io.berth.core.service.CommandService",
        "io.berth.core.adapter.docker.DockerEngine", "io.berth.X", "averyveryverylongsinglesegmentname",
        "io.berth.core.adapter.sqlite.SqliteAuditTrail"}) {
      assertThat(TerminalLogging.abbreviate(name, 24)).as(name).isEqualTo(logback.abbreviate(name));
    }
  }

  @Test
  void levelNamesAsLoggingSetupReadsThem() {
    assertThat(TerminalLogging.threshold(null)).isEqualTo(Level.INFO);
    assertThat(TerminalLogging.threshold("warn")).isEqualTo(Level.WARN);
    assertThat(TerminalLogging.threshold("loud")).isEqualTo(Level.INFO);
  }

  @Test
  void onlyADockerCallWithoutDebuggingLeavesLogback() {
    String before = System.getProperty("slf4j.provider");
    String verbosity = System.getProperty("slf4j.internal.verbosity");
    try {
      System.clearProperty("slf4j.provider");
      TerminalLogging.chooseFor("serve");
      assertThat(System.getProperty("slf4j.provider")).isNull();
      TerminalLogging.chooseFor("docker", "ps", "-a");
      assertThat(System.getProperty("slf4j.provider")).isEqualTo(TerminalLogging.class.getName());
      assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("WARN"); // no SLF4J(I) line on the terminal
    } finally {
      if (verbosity == null) System.clearProperty("slf4j.internal.verbosity");
      else System.setProperty("slf4j.internal.verbosity", verbosity);
      if (before == null) System.clearProperty("slf4j.provider");
      else System.setProperty("slf4j.provider", before);
    }
  }
}
