package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth docker help}, {@code --help} and text that does not parse are answered by the CLI
 * itself, as the packaged jar runs them: the configured engine is a socket this test owns (any
 * connection to it would wait in its backlog) and the data directory lies under a regular file, so
 * opening the audit trail fails even for root; these calls must not care.
 */
class DockerCommandLocalAnswersIT {
  @TempDir Path dir;
  ServerSocket engine;
  Path config;

  @BeforeEach
  void configureAnEngineThatRecordsConnectionsAndAnUncreatableDataDir() throws Exception {
    engine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "not a directory");
    config = writeConfig("berth.yml", notADirectory.resolve("data"));
  }

  Path writeConfig(String name, Path data) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n",
        "data: { dir: " + data + " }",
        "engine:",
        "  endpoints:",
        "    - name: local",
        "      host: tcp://127.0.0.1:" + engine.getLocalPort(),
        ""));
  }

  @AfterEach
  void closeEngine() throws Exception {
    engine.close();
  }

  record Run(int code, String out, String err) {}

  Run berth(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "berth.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("BERTH_CONFIG");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  void assertNothingWasTouched() throws Exception {
    engine.setSoTimeout(1);
    assertThatThrownBy(engine::accept).as("a connection to the engine").isInstanceOf(SocketTimeoutException.class);
    // and the audit trail was not opened: that fails under a regular file (rc 1, "cannot create the audit directory")
  }

  @Test
  void helpPrintsTheCommandListWithoutEngineOrAuditDatabase() throws Exception {
    Run help = berth("docker", "--config", config.toString(), "help");

    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).contains("ps").contains("List the commands, or show one command's flags.");
    assertThat(help.err()).isEmpty();
    assertNothingWasTouched();
  }

  @Test
  void dashDashHelpAndDashHPrintTheSameAsHelp() throws Exception {
    Run help = berth("docker", "--config", config.toString(), "help");
    Run dashDash = berth("docker", "--config", config.toString(), "--help");
    Run dashH = berth("docker", "-h");
    Run commandHelp = berth("docker", "--config", config.toString(), "help", "ps");
    Run dashDashCommand = berth("docker", "--help", "ps");

    assertThat(dashDash.code()).as(dashDash.err()).isZero();
    assertThat(dashDash.out()).isEqualTo(help.out()).contains("List the commands");
    assertThat(dashH.code()).as(dashH.err()).isZero();
    assertThat(dashH.out()).isEqualTo(help.out());
    assertThat(dashDashCommand.code()).as(dashDashCommand.err()).isZero();
    assertThat(dashDashCommand.out()).isEqualTo(commandHelp.out()).contains("--all");
    assertNothingWasTouched();
  }

  @Test
  void textThatDoesNotParseIs125WithTheParsersMessageAndTouchesNothing() throws Exception {
    Run bad = berth("docker", "--config", config.toString(), "ps", "--bogus");

    assertThat(bad.code()).isEqualTo(125);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).startsWith("Error: ps: unknown flag --bogus").contains("see \"help ps\"")
        .doesNotContain("audit");
    assertNothingWasTouched();
  }

  @Test
  void aCommandThatParsesDoesReachTheConfiguredEngine() throws Exception {
    // the other tests' "nothing was touched" means something only if a real command does touch it
    Path usable = writeConfig("usable.yml", dir.resolve("data"));
    Process ps = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "berth.jar").toAbsolutePath().toString(), "docker", "--config", usable.toString(), "ps")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      engine.setSoTimeout(60_000);
      engine.accept().close();
    } finally {
      ps.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
