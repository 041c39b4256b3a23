package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./berth config check} runs every chat platform's own settings check (registered in the bot
 * module, not in core): a bad platform value is reported with its path, a good file is printed with
 * the platforms' secrets masked.
 */
class ConfigCheckTest {
  record Run(int code, String out, String err) {}

  static Run check(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "config", "check", file.toString());
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void badPlatformSettingsAreReportedWithTheirPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("berth.yml");
    Files.writeString(file, "slack: { enabled: true, mode: websocket }\n");
    Run slack = check(file);
    assertThat(slack.code()).isEqualTo(2);
    assertThat(slack.err()).contains("invalid configuration " + file
        + ": slack.mode: unknown value \"websocket\" (known: http, socket)");

    Files.writeString(file, "discord: { token: literal-discord-token }\n");
    Run discord = check(file);
    assertThat(discord.code()).isEqualTo(2);
    assertThat(discord.err()).contains("discord.token: secrets cannot be written in the YAML file")
        .doesNotContain("literal-discord-token");
  }

  @Test
  void aGoodFileIsPrintedWithThePlatformSectionsAndTheirSecretsMasked(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("discord-token");
    Files.writeString(token, "the-real-discord-token\n");
    Path file = dir.resolve("berth.yml");
    Files.writeString(file, "slack: { mode: socket }\ndiscord: { prefix: \"!d\", token: { file: \"" + token + "\" } }\n");
    Run ok = check(file);
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("slack:\n  enabled: false\n  mode: socket").contains("prefix: '!d'")
        .contains("token: '*** (file " + token + ")'")
        .doesNotContain("the-real-discord-token");
    assertThat(ok.err()).contains("configuration OK: " + file);
  }
}
