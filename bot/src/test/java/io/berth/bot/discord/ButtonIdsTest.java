package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ButtonIdsTest {
  @Test
  void confirmationTokenRoundTripsWithinDiscordsLimit() {
    String token = "AbCdEfGhIjKlMnOpQrStUvWx"; // the core's 24-char URL-safe token
    String id = ButtonIds.confirm(token);
    assertThat(id.length()).isLessThanOrEqualTo(100);
    assertThat(ButtonIds.decode(id)).contains(new ButtonIds.Press(ButtonIds.Kind.CONFIRM, token));
    assertThat(ButtonIds.decode(ButtonIds.cancel(token))).contains(new ButtonIds.Press(ButtonIds.Kind.CANCEL, token));
  }

  @Test
  void fullContainerIdFitsAQuickActionButton() {
    String id64 = "a".repeat(64);
    assertThat(ButtonIds.restart(id64).length()).isLessThanOrEqualTo(100);
    assertThat(ButtonIds.decode(ButtonIds.logs(id64))).contains(new ButtonIds.Press(ButtonIds.Kind.LOGS, id64));
  }

  @Test
  void foreignOrMalformedIdsAreIgnored() {
    assertThat(ButtonIds.decode("someone-else:confirm:x")).isEmpty();
    assertThat(ButtonIds.decode("berth:explode:x")).isEmpty();
    assertThat(ButtonIds.decode("berth:confirm:")).isEmpty();
    assertThat(ButtonIds.decode(null)).isEmpty();
  }

  @Test
  void overlongIdsAreRefused() {
    assertThatThrownBy(() -> ButtonIds.logs("x".repeat(100))).isInstanceOf(IllegalArgumentException.class);
  }
}
