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

  @Test
  void aTokenIssuedOnOneReplicaIsRedeemedOnAnotherOnce() {
    var shared = new io.berth.core.replica.InMemorySharedStore(100, clock);
    byte[] key = new byte[32];
    key[0] = 7;
    var a = new ConfirmationBook(shared, new io.berth.core.replica.Sealer(key), clock, Duration.ofMinutes(5));
    var b = new ConfirmationBook(shared, new io.berth.core.replica.Sealer(key), clock, Duration.ofMinutes(5));
    var run = new io.berth.core.language.PicocliCommandLanguage(clock)
        .parse("run -d --name job -e DB_PASSWORD=hunter2 busybox sleep 1");
    var p = a.issue(otto, run, "run -d --name job -e DB_PASSWORD=*** busybox sleep 1", "req-9");

    assertThat(b.peek(p.token())).get().extracting(ConfirmationBook.Pending::request).isEqualTo(run);
    var redeemed = b.redeem(p.token(), otto, false);
    assertThat(redeemed.request()).isEqualTo(run);
    assertThat(redeemed.requestId()).isEqualTo("req-9");
    assertThat(redeemed.requester()).isEqualTo(otto);
    assertThatThrownBy(() -> a.redeem(p.token(), otto, false)).isInstanceOf(ConfirmationBook.Refusal.class);
  }

  @Test
  void whatIsStoredIsSealedAndABookWithAnotherKeyCannotReadIt() {
    var shared = new io.berth.core.replica.InMemorySharedStore(100, clock);
    byte[] key = new byte[32];
    var a = new ConfirmationBook(shared, new io.berth.core.replica.Sealer(key), clock, Duration.ofMinutes(5));
    var stranger = new ConfirmationBook(shared, io.berth.core.replica.Sealer.ofRandomKey(), clock, Duration.ofMinutes(5));
    var run = new io.berth.core.language.PicocliCommandLanguage(clock).parse("run -e DB_PASSWORD=hunter2 busybox");
    var p = a.issue(otto, run, "run", "req-1");

    assertThat(shared.get("confirmation", p.token())).get().asString().doesNotContain("hunter2").doesNotContain("otto");
    assertThat(stranger.peek(p.token())).isEmpty();
    assertThatThrownBy(() -> stranger.redeem(p.token(), otto, false)).hasMessageContaining("unknown");
    assertThat(a.redeem(p.token(), otto, false).request()).isEqualTo(run);
  }
}
