package io.berth.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.bot.discord.DiscordSettings;
import io.berth.bot.slack.SlackSettings;
import io.berth.core.config.BerthConfig;
import io.berth.core.config.ConfigException;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.ConfigPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code slack:} and {@code discord:} sections, bound and checked by the platforms themselves
 * ({@link ChatPlatforms#SETTINGS}) through the loader the launcher and {@code config check} use:
 * same keys, same messages with the config path, secrets from env or file only and never printed.
 */
class ChatPlatformSettingsTest {
  static final String HASH = "$2a$10$" + "a".repeat(53);

  static BerthConfig parse(String yaml) {
    return parse(yaml, Map.of());
  }

  static BerthConfig parse(String yaml, Map<String, String> env) {
    return ConfigLoader.parse(yaml, env, ChatPlatforms.SETTINGS);
  }

  static SlackSettings slack(BerthConfig c) {
    return c.section(SlackSettings.SECTION);
  }

  static DiscordSettings discord(BerthConfig c) {
    return c.section(DiscordSettings.SECTION);
  }

  @Test
  void emptyFileGivesThePlatformDefaults() {
    BerthConfig c = parse("");
    assertThat(slack(c).enabled()).isFalse();
    assertThat(slack(c).mode()).isEqualTo("http");
    assertThat(slack(c).command()).isEqualTo("/docker");
    assertThat(slack(c).signingSecret().isPresent()).isFalse();
    assertThat(slack(c).apiUrl()).isNull();
    assertThat(slack(c)).isEqualTo(SlackSettings.DEFAULTS);
    assertThat(discord(c).prefix()).isEqualTo("!docker");
    assertThat(discord(c)).isEqualTo(DiscordSettings.DEFAULTS);
  }

  @Test
  void theShippedConfigFileLoadsAndMatchesTheDefaults() {
    BerthConfig c = ConfigLoader.load(Path.of("..", "config", "berth.yml"), Map.of(), ChatPlatforms.SETTINGS);
    BerthConfig d = parse("");
    assertThat(c.server()).isEqualTo(d.server());
    assertThat(c.engine()).isEqualTo(d.engine());
    assertThat(c.policy().users()).isEqualTo(d.policy().users());
    assertThat(c.policy().roles()).containsEntry("deployer", List.of("ps", "logs", "start", "stop", "restart", "run"));
    assertThat(c.policy().run()).isEqualTo(d.policy().run());
    assertThat(c.policy().confirm()).isEqualTo(d.policy().confirm());
    assertThat(c.web()).isEqualTo(d.web());
    assertThat(slack(c)).isEqualTo(slack(d));
    assertThat(discord(c)).isEqualTo(discord(d));
    assertThat(c.notifications()).isEqualTo(d.notifications());
  }

  @Test
  void valuesAreRead() {
    BerthConfig c = parse("""
        slack: { enabled: true, mode: socket, resultsVisibility: ephemeral, notifyChannels: [C9], groupRefresh: 10m }
        discord: { enabled: true, prefix: "!d", notifyChannels: ["42"] }
        """);
    assertThat(slack(c).socketMode()).isTrue();
    assertThat(slack(c).resultsVisibility()).isEqualTo("ephemeral");
    assertThat(slack(c).notifyChannels()).containsExactly("C9");
    assertThat(slack(c).groupRefresh()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(discord(c).enabled()).isTrue();
    assertThat(discord(c).prefix()).isEqualTo("!d");
    assertThat(discord(c).notifyChannels()).containsExactly("42");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      slack: { mode: websocket }                              | 'slack.mode: unknown value "websocket" (known: http, socket)'
      slack: { resultsVisibility: public }                    | 'slack.resultsVisibility: unknown value "public" (known: in_channel, ephemeral)'
      slack: { command: docker }                              | slack.command: "docker" is not a slash command
      slack: { apiUrl: "ftp://x" }                            | slack.apiUrl: "ftp://x" is not an http(s):// or ws(s):// URL
      slack: { groupRefresh: 10s }                            | slack.groupRefresh: between 1m and 1d
      slack: { enabeld: true }                                | 'slack.enabeld: unknown key; did you mean "enabled"?'
      discord: { prefix: "two words" }                        | discord.prefix: must be one word
      discord: { gatewayUrl: "gopher://x" }                   | discord.gatewayUrl: "gopher://x" is not an http(s):// or ws(s):// URL
      discrod: { enabled: true }                              | 'discrod: unknown key; did you mean "discord"?'
      """)
  void badPlatformSettingsNameThePathTheReasonAndTheKnownValues(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      slack: { signingSecret: abc123 }           | slack.signingSecret: secrets cannot be written in the YAML file
      slack: { botToken: "xoxb-1" }              | slack.botToken: secrets cannot be written in the YAML file
      slack: { appToken: xapp-1 }                | slack.appToken: secrets cannot be written
      discord: { token: abc123 }                 | discord.token: secrets cannot be written
      slack: { botToken: { value: x } }          | 'slack.botToken.value: unknown key; (known: env, file)'
      slack: { botToken: {} }                    | slack.botToken: name an env variable or a file
      """)
  void literalSecretsAreRejectedNamingTheKey(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc123").doesNotContain("xoxb-1"));
  }

  @Test
  void secretsComeFromTheEnvironment() {
    BerthConfig c = parse("slack: { botToken: { env: MY_TOKEN } }", Map.of("MY_TOKEN", "xoxb-42",
        "SLACK_SIGNING_SECRET", "sig"));
    assertThat(slack(c).botToken().reveal()).isEqualTo("xoxb-42");
    assertThat(slack(c).botToken().toString()).isEqualTo("***");
    assertThat(slack(c).signingSecret().reveal()).isEqualTo("sig"); // default reference, resolved too
    assertThat(slack(c).appToken().isPresent()).isFalse();
    assertThat(slack(c).appToken().toString()).isEqualTo("(not set)");
    assertThat(c.toString()).doesNotContain("xoxb-42").doesNotContain("sig]");
    assertThatThrownBy(() -> slack(c).appToken().reveal()).hasMessageContaining("env SLACK_APP_TOKEN");
  }

  @Test
  void secretsComeFromFilesAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("token");
    Files.writeString(f, "from-file\n");
    String yaml = "discord: { token: { env: DT, file: \"" + f + "\" } }";
    assertThat(discord(parse(yaml)).token().reveal()).isEqualTo("from-file");
    assertThat(discord(parse(yaml, Map.of("DT", "from-env"))).token().reveal()).isEqualTo("from-env");
    assertThat(discord(parse("discord: { token: { file: \"" + dir.resolve("missing") + "\" } }")).token().isPresent())
        .isFalse();
  }

  @Test
  void environmentFillsApiUrlsAndTheFileWins() {
    BerthConfig c = parse("", Map.of("SLACK_API_URL", "http://127.0.0.1:9999/api/",
        "DISCORD_API_URL", "http://127.0.0.1:9998/api", "DISCORD_GATEWAY_URL", "ws://127.0.0.1:9997"));
    assertThat(slack(c).apiUrl()).isEqualTo("http://127.0.0.1:9999/api/");
    assertThat(discord(c).apiUrl()).isEqualTo("http://127.0.0.1:9998/api");
    assertThat(discord(c).gatewayUrl()).isEqualTo("ws://127.0.0.1:9997");
    assertThat(slack(parse("slack: { apiUrl: \"http://x/\" }", Map.of("SLACK_API_URL", "http://y/"))).apiUrl())
        .isEqualTo("http://x/");
  }

  @Test
  void printerMasksSecretsAndShowsEffectiveValues() {
    BerthConfig c = parse("""
        slack: { botToken: { env: T } }
        discord: { token: { env: D } }
        policy: { users: { a: { role: admin, web: { login: a, passwordHash: "%s" } } } }
        """.formatted(HASH), Map.of("T", "xoxb-very-secret", "D", "discord-very-secret"));
    String out = ConfigPrinter.print(c);
    assertThat(out).doesNotContain("xoxb-very-secret").doesNotContain("discord-very-secret").doesNotContain(HASH)
        .contains("botToken: '*** (env T)'")
        .contains("token: '*** (env D)'")
        .contains("signingSecret: \"(not set: env SLACK_SIGNING_SECRET)\"")
        .contains("groupRefresh: 5m")
        .contains("runTimeout: 2m")
        .contains("passwordHash: (bcrypt hash)");
    // what it prints is the configuration: everything but secrets reads back the same
    BerthConfig back = parse(out.replaceAll("(?m)^(\\s+(signingSecret|botToken|appToken|token|sessionKey|password)):.*$", "")
        .replace("passwordHash: (bcrypt hash)", "passwordHash: \"" + HASH + "\""));
    assertThat(back.policy()).isEqualTo(c.policy());
    assertThat(back.engine()).isEqualTo(c.engine());
    assertThat(back.notifications()).isEqualTo(c.notifications());
    assertThat(slack(back).groupRefresh()).isEqualTo(slack(c).groupRefresh());
    assertThat(discord(back).prefix()).isEqualTo(discord(c).prefix());
  }
}
