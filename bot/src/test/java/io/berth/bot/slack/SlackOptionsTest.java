package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.Secret;
import io.berth.core.service.CommandService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackOptionsTest {
  @Test
  void fromSettingsResolvesSecretsAndVisibility() {
    SlackSettings s = new SlackSettings(true, "http", "ops-docker", Secret.ofValue("sig"), Secret.ofValue("xoxb-1"),
        Secret.absent(), "http://127.0.0.1:9/api", "ephemeral", List.of("C1"));
    SlackOptions o = SlackOptions.from(s);
    assertThat(o.command()).isEqualTo("/ops-docker");
    assertThat(o.signingSecret()).isEqualTo("sig");
    assertThat(o.botToken()).isEqualTo("xoxb-1");
    assertThat(o.appToken()).isNull();
    assertThat(o.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
    assertThat(o.resultsInChannel()).isFalse();
    assertThat(o.notifyChannels()).containsExactly("C1");
  }

  @Test
  void defaultApiUrlIsSlacks() {
    assertThat(new SlackOptions("http", null, "s", "t", null, null, true, null).apiUrl()).isEqualTo("https://slack.com/api/");
  }

  @Test
  void toStringNeverShowsSecrets() {
    String text = new SlackOptions("socket", "/docker", "sig-SECRET", "xoxb-SECRET", "xapp-SECRET", null, true, List.of())
        .toString();
    assertThat(text).doesNotContain("SECRET").contains("***");
  }

  @Test
  void eachModeDemandsItsSecret() {
    assertThatThrownBy(() -> new SlackOptions("http", null, null, "xoxb", null, null, true, null))
        .hasMessageContaining("SLACK_SIGNING_SECRET");
    assertThatThrownBy(() -> new SlackOptions("socket", null, "sig", "xoxb", null, null, true, null))
        .hasMessageContaining("SLACK_APP_TOKEN");
    assertThatThrownBy(() -> new SlackOptions("http", null, "sig", null, null, null, true, null))
        .hasMessageContaining("SLACK_BOT_TOKEN");
    assertThatThrownBy(() -> new SlackOptions("webhook", null, "sig", "xoxb", null, null, true, null))
        .hasMessageContaining("http or socket");
  }

  @Test
  void socketModeNeedsNoSigningSecretAndHasNoHttpEndpoint() throws Exception {
    CommandService commands = new CommandService(null, null, null, null, io.berth.core.service.CoreLimits.DEFAULTS,
        Clock.systemUTC());
    // Bolt checks the bot token with auth.test as the app is built: point it at the stand-in.
    try (SlackStandIn slack = new SlackStandIn(); SlackAdapter adapter = SlackAdapter.create(
        new SlackOptions("socket", null, null, "xoxb", "xapp", slack.apiUrl(), true, null), commands, Clock.systemUTC(),
        Duration.ofSeconds(1))) {
      assertThatThrownBy(adapter::httpEndpoint).isInstanceOf(IllegalStateException.class);
    }
  }
}
