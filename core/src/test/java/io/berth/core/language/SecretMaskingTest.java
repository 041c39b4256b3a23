package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Secrets beyond {@code -e}: build args, credential-looking flags, URL passwords, unsplittable text. */
class SecretMaskingTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      build --build-arg TOKEN=abc -t x .             | build --build-arg TOKEN=*** -t x .
      build --build-arg=TOKEN=abc -t x .             | build --build-arg=TOKEN=*** -t x .
      run --password hunter2 img                     | run --password *** img
      run img mysqld --db-password=hunter2           | run img mysqld --db-password=***
      login -u ada -p hunter2 localhost:5000         | login -u ada -p *** localhost:5000
      pull https://ada:hunter2@localhost:5000/x      | pull https://ada:***@localhost:5000/x
      run --api-key "hunter2 x                       | run --api-key ***
      run -p 80:80 img                               | run -p 80:80 img
      ps -a                                          | ps -a
      """)
  void masksEveryKindOfSecret(String text, String expected) {
    assertThat(SecretMasking.mask(text)).isEqualTo(expected);
  }

  @Test
  void maskAssignmentKeepsTheKeyOnly() {
    assertThat(SecretMasking.maskAssignment("PASSWORD=s3cr3t")).isEqualTo("PASSWORD=***");
    assertThat(SecretMasking.maskAssignment("lonely")).isEqualTo("***");
  }

  @Test
  void nothingThatLooksLikeACredentialSurvives() {
    for (String t : List.of("run --secret=s3cr3t img", "exec --token s3cr3t c ls", "run img --Password s3cr3t",
        "pull ftp://u:s3cr3t@h/x", "login --password=s3cr3t", "run --passwd 's3cr3t")) {
      assertThat(SecretMasking.mask(t)).as(t).doesNotContain("s3cr3t");
    }
  }

  /** A value each run/exec option accepts; a new option without one here fails the test below. */
  static final Map<String, String> SAMPLE_VALUES = Map.ofEntries(
      Map.entry("--name", "web"), Map.entry("--publish", "80:80"), Map.entry("--env", "A=1"), Map.entry("--label", "a=1"),
      Map.entry("--volume", "data:/d"), Map.entry("--restart", "always"), Map.entry("--network", "bridge"),
      Map.entry("--pid", "host"), Map.entry("--ipc", "private"), Map.entry("--cap-add", "NET_ADMIN"),
      Map.entry("--device", "/dev/null"), Map.entry("--workdir", "/app"), Map.entry("--user", "1000"),
      Map.entry("--entrypoint", "sh"), Map.entry("--env-file", "env.list"), Map.entry("--label-file", "labels"),
      Map.entry("--memory", "1g"), Map.entry("--memory-swap", "2g"), Map.entry("--cpus", "1"),
      Map.entry("--health-cmd", "true"), Map.entry("--health-interval", "1s"), Map.entry("--health-timeout", "1s"),
      Map.entry("--health-start-period", "1s"), Map.entry("--health-retries", "1"));

  @ParameterizedTest
  @CsvSource({"run, img", "exec, ctr"})
  void everyOptionThatTakesAValueIsSkippedSoLaterEnvValuesAreStillMasked(String command, String positional) {
    var grammar = Catalog.byName(command).orElseThrow().grammar();
    var options = new picocli.CommandLine(grammar).getCommandSpec().options();
    List<String> checked = new ArrayList<>();
    for (var o : options) {
      if (o.arity().max() == 0 || o.usageHelp()) continue;
      String longName = o.longestName();
      String value = SAMPLE_VALUES.get(longName);
      if (value == null) throw new AssertionError("no sample value for " + command + " " + longName + "; add one to SAMPLE_VALUES");
      for (String name : o.names()) {
        String extra = longName.equals("--memory-swap") ? " -m 1g" : "";
        String text = command + extra + " " + name + " " + value + " -e SECRET=s3cr3t " + positional + " ls";
        new PicocliCommandLanguage().parse(text); // it parses, so masking relies on where the flags end
        assertThat(SecretMasking.mask(text)).as(text).doesNotContain("s3cr3t").contains("SECRET=***");
        checked.add(name);
      }
    }
    assertThat(checked).as("options with values of " + command).isNotEmpty();
  }
}
