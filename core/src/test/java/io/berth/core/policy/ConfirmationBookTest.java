package io.berth.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.command.Rm;
import io.berth.core.model.BerthUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import io.berth.core.testing.TestClock;
import org.junit.jupiter.api.Test;

class ConfirmationBookTest {

  final TestClock clock = TestClock.at("2026-11-28T12:00:00Z");
  final ConfirmationBook book = new ConfirmationBook(clock, Duration.ofMinutes(5));
  final BerthUser otto = new BerthUser("otto", "operator");
  final BerthUser vera = new BerthUser("vera", "operator");
  final BerthUser ada = new BerthUser("ada", "admin");
  final Rm rm = new Rm("web", false, false);

  @Test
  void aTokenIsRedeemedOnceByItsRequester() {
    var p = book.issue(otto, rm, "rm web", "req-1");
    assertThat(p.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(book.redeem(p.token(), otto, false).request()).isEqualTo(rm);
    assertThatThrownBy(() -> book.redeem(p.token(), otto, false)).isInstanceOf(ConfirmationBook.Refusal.class)
        .hasMessageContaining("unknown or was already used");
  }

  @Test
  void anExpiredTokenIsRefused() {
    var p = book.issue(otto, rm, "rm web", "req-1");
    clock.advance(Duration.ofMinutes(5));
    assertThat(book.peek(p.token())).isEmpty();
    assertThatThrownBy(() -> book.redeem(p.token(), otto, false)).hasMessageContaining("expired");
  }

  @Test
  void aTokenJustBeforeExpiryStillWorks() {
    var p = book.issue(otto, rm, "rm web", "req-1");
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(book.redeem(p.token(), otto, false).requestId()).isEqualTo("req-1");
  }

  @Test
  void anotherUserCannotConfirmAndTheTokenSurvivesTheAttempt() {
    var p = book.issue(otto, rm, "rm web", "req-1");
    assertThatThrownBy(() -> book.redeem(p.token(), vera, false)).hasMessageContaining("Only otto, who asked for it, can confirm this");
    assertThat(book.redeem(p.token(), otto, false).token()).isEqualTo(p.token());
  }

  @Test
  void anAdminMayConfirmForOthers() {
    var p = book.issue(otto, rm, "rm web", "req-1");
    assertThat(book.redeem(p.token(), ada, true).requester()).isEqualTo(otto);
  }

  @Test
  void unknownAndNullTokensAreRefused() {
    assertThatThrownBy(() -> book.redeem("forged", otto, true)).isInstanceOf(ConfirmationBook.Refusal.class);
    assertThatThrownBy(() -> book.redeem(null, otto, true)).isInstanceOf(ConfirmationBook.Refusal.class);
  }

  @Test
  void tokensAreUnguessableAndDistinct() {
    var a = book.issue(otto, rm, "rm web", "1");
    var b = book.issue(otto, rm, "rm web", "2");
    assertThat(a.token()).isNotEqualTo(b.token()).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
  }
}
