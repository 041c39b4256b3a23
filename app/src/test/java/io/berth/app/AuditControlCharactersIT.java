package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters a person typed (or chat decoded, e.g. Slack's {@code &#27;}) are stored
 * escaped, and {@code ./berth audit tail} / {@code export} never print one raw to the terminal.
 */
class AuditControlCharactersIT {
  static final String NASTY = "web\u001b[2J\rforged\u202e";
  @TempDir Path dir;

  @Test
  void anEscapeSequenceAndACarriageReturnAreStoredEscapedAndNeverPrintedRaw() throws Exception {
    Path config = dir.resolve("berth.yml");
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\n");

    berth("docker", "--config", config.toString(), "stop", NASTY);

    Process sqlite = new ProcessBuilder("sqlite3", dir.resolve("data").resolve("audit.db").toString(),
        "SELECT command_text || '|' || target || '|' || message FROM audit WHERE action = 'stop'").start();
    String stored = new String(sqlite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sqlite.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // the shared chat-text normalizer turns the CR into a space before parsing; ESC and the bidi override survive it
    assertThat(stored).contains("web\\u001b[2J forged\\u202e");
    assertThat(stored.strip()).doesNotContainPattern("[\\p{Cntrl}&&[^\\n]]|\u202e");

    for (List<String> args : List.of(List.of("audit", "tail", "--no-follow", "--config", config.toString()),
        List.of("audit", "export", "--format", "csv", "--config", config.toString()),
        List.of("audit", "export", "--format", "jsonl", "--config", config.toString()))) {
      String out = berth(args.toArray(String[]::new));
      assertThat(out).as(args.toString()).contains("stop");
      assertThat(out.replace("\r\n", "\n")).as(args.toString()).doesNotContainPattern("[\\p{Cntrl}&&[^\\n]]|\u202e");
    }
  }

  static String berth(String... args) {
    StringWriter out = new StringWriter();
    Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
    return out.toString();
  }
}
