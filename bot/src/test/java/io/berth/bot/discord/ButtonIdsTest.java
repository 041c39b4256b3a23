package io.berth.bot.discord;

import io.berth.bot.chat.Button;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ButtonIdsTest {
  @Test
  void confirmationTokenRoundTripsWithinDiscordsLimit() {
    String token = "AbCdEfGhIjKlMnOpQrStUvWx"; // the core's 24-char URL-safe token
    String id = ButtonIds.encode(Button.Action.CONFIRM, token).orElseThrow();
    assertThat(id.length()).isLessThanOrEqualTo(100);
    assertThat(ButtonIds.decode(id)).contains(new ButtonIds.Press(Button.Action.CONFIRM, token));
    assertThat(ButtonIds.decode(ButtonIds.encode(Button.Action.CANCEL, token).orElseThrow()))
        .contains(new ButtonIds.Press(Button.Action.CANCEL, token));
  }

  @Test
  void fullContainerIdFitsAQuickActionButton() {
    String id64 = "a".repeat(64);
    assertThat(ButtonIds.restart(id64).length()).isLessThanOrEqualTo(100);
    assertThat(ButtonIds.decode(ButtonIds.encode(Button.Action.LOGS, id64).orElseThrow()))
        .contains(new ButtonIds.Press(Button.Action.LOGS, id64));
  }

  @Test
  void foreignOrMalformedIdsAreIgnored() {
    assertThat(ButtonIds.decode("someone-else:confirm:x")).isEmpty();
    assertThat(ButtonIds.decode("berth:explode:x")).isEmpty();
    assertThat(ButtonIds.decode("berth:confirm:")).isEmpty();
    assertThat(ButtonIds.decode(null)).isEmpty();
  }

  @Test
  void overlongIdsAreLeftOff() {
    assertThat(ButtonIds.encode(Button.Action.LOGS, "x".repeat(100))).isEmpty();
  }
}
