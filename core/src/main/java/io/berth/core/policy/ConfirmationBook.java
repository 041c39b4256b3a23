package io.berth.core.policy;

import io.berth.core.command.DockerRequest;
import io.berth.core.model.BerthUser;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pending destructive requests awaiting a second step. Tokens are random, single use, bound to the
 * user and the request, and expire. Kept in memory: a restart cancels what was pending, which is
 * the safe direction.
 */
public final class ConfirmationBook {
  /** A request waiting for its confirmation. */
  public record Pending(String token, BerthUser requester, DockerRequest request, String commandText, String requestId,
      Instant expiresAt, String context) {
    /** In the default context. */
    public Pending(String token, BerthUser requester, DockerRequest request, String commandText, String requestId,
        Instant expiresAt) {
      this(token, requester, request, commandText, requestId, expiresAt, null);
    }
  }

  /** Why a token could not be redeemed; the message is for the user. */
  public static final class Refusal extends RuntimeException {
    public Refusal(String message) {
      super(message);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  public ConfirmationBook(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  public Pending issue(BerthUser requester, DockerRequest request, String commandText, String requestId) {
    return issue(requester, request, commandText, requestId, null);
  }

  /** {@code context}: where the request runs (null: the default), so the confirmed run goes there too. */
  public Pending issue(BerthUser requester, DockerRequest request, String commandText, String requestId, String context) {
    purgeExpired();
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    // URL-safe and short: fits Slack action values and Discord's 100-char custom_id.
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Pending p = new Pending(token, requester, request, commandText, requestId, clock.instant().plus(ttl), context);
    pending.put(token, p);
    return p;
  }

  /** Looks at a pending request without consuming it (to render it). */
  public Optional<Pending> peek(String token) {
    Pending p = token == null ? null : pending.get(token);
    return p == null || expired(p) ? Optional.empty() : Optional.of(p);
  }

  /**
   * Checks, without consuming it, that {@code by} may redeem the token: refused when unknown or
   * already used, expired, or when {@code by} is neither the requester nor allowed to confirm for
   * others. A refusal leaves the token usable by the person it belongs to.
   */
  public Pending check(String token, BerthUser by, boolean mayConfirmForOthers) {
    Pending p = token == null ? null : pending.get(token);
    if (p == null) {
      throw new Refusal("This confirmation is unknown or was already used.");
    }
    if (!p.requester().name().equals(by.name()) && !mayConfirmForOthers) {
      throw new Refusal("Only " + p.requester().name() + ", who asked for it, can confirm this; nothing was run"
          + " and it stays open for them (policy.confirm.forOthers lists roles that may confirm for others).");
    }
    if (expired(p)) {
      pending.remove(token, p);
      throw new Refusal("This confirmation expired at " + p.expiresAt() + "; run the command again.");
    }
    return p;
  }

  /** Consumes the token, after the same checks as {@link #check}; single use even when pressed twice at once. */
  public Pending redeem(String token, BerthUser by, boolean mayConfirmForOthers) {
    Pending p = check(token, by, mayConfirmForOthers);
    if (!pending.remove(token, p)) {
      throw new Refusal("This confirmation was already used.");
    }
    return p;
  }

  private boolean expired(Pending p) {
    return !clock.instant().isBefore(p.expiresAt());
  }

  private void purgeExpired() {
    pending.values().removeIf(p -> clock.instant().isAfter(p.expiresAt().plus(ttl)));
  }
}
