package io.berth.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.RequestJson;
import io.berth.core.model.BerthUser;
import io.berth.core.replica.InMemorySharedStore;
import io.berth.core.replica.Sealer;
import io.berth.core.replica.SharedStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Pending destructive requests awaiting a second step. Tokens are random, single use, bound to the
 * user and the request, and expire. Kept in the replicas' {@link SharedStore}, sealed (a pending request
 * may carry secrets), so a confirmation pressed on any replica finds its request; a Berth alone keeps
 * them in memory, and a restart cancels what was pending, which is the safe direction.
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

  private static final String SPACE = "confirmation";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SharedStore store;
  private final Sealer sealer;
  private final Clock clock;
  private final Duration ttl;

  /** A Berth alone: in memory, sealed under a key of its own. */
  public ConfirmationBook(Clock clock, Duration ttl) {
    this(new InMemorySharedStore(10_000, clock), Sealer.ofRandomKey(), clock, ttl);
  }

  /** Replicas: in the store they share, sealed under a key they all derive. */
  public ConfirmationBook(SharedStore store, Sealer sealer, Clock clock, Duration ttl) {
    this.store = store;
    this.sealer = sealer;
    this.clock = clock;
    this.ttl = ttl;
  }

  public Pending issue(BerthUser requester, DockerRequest request, String commandText, String requestId) {
    return issue(requester, request, commandText, requestId, null);
  }

  /** {@code context}: where the request runs (null: the default), so the confirmed run goes there too. */
  public Pending issue(BerthUser requester, DockerRequest request, String commandText, String requestId, String context) {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    // URL-safe and short: fits Slack action values and Discord's 100-char custom_id.
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Pending p = new Pending(token, requester, request, commandText, requestId, clock.instant().plus(ttl), context);
    // kept a ttl past its expiry, so a late press hears "expired" rather than "unknown"
    store.putIfAbsent(SPACE, token, sealer.seal(token, write(p)), p.expiresAt().plus(ttl));
    return p;
  }

  /** Looks at a pending request without consuming it (to render it). */
  public Optional<Pending> peek(String token) {
    Pending p = find(token);
    return p == null || expired(p) ? Optional.empty() : Optional.of(p);
  }

  /**
   * Checks, without consuming it, that {@code by} may redeem the token: refused when unknown or
   * already used, expired, or when {@code by} is neither the requester nor allowed to confirm for
   * others. A refusal leaves the token usable by the person it belongs to.
   */
  public Pending check(String token, BerthUser by, boolean mayConfirmForOthers) {
    Pending p = find(token);
    if (p == null) {
      throw new Refusal("This confirmation is unknown or was already used.");
    }
    if (!p.requester().name().equals(by.name()) && !mayConfirmForOthers) {
      throw new Refusal("Only " + p.requester().name() + ", who asked for it, can confirm this; nothing was run"
          + " and it stays open for them (policy.confirm.forOthers lists roles that may confirm for others).");
    }
    if (expired(p)) {
      store.remove(SPACE, token);
      throw new Refusal("This confirmation expired at " + p.expiresAt() + "; run the command again.");
    }
    return p;
  }

  /**
   * Consumes the token, after the same checks as {@link #check}; single use even when pressed twice at
   * once, on one replica or two (the store's delete counts for one caller only).
   */
  public Pending redeem(String token, BerthUser by, boolean mayConfirmForOthers) {
    Pending p = check(token, by, mayConfirmForOthers);
    if (!store.remove(SPACE, token)) {
      throw new Refusal("This confirmation was already used.");
    }
    return p;
  }

  private Pending find(String token) {
    if (token == null || token.isEmpty()) return null;
    Optional<String> sealed = store.get(SPACE, token);
    if (sealed.isEmpty()) return null;
    try {
      return read(token, RequestJson.mapper().readTree(sealer.open(token, sealed.get())));
    } catch (Exception e) {
      // sealed by a replica with another key, or changed in the database: not a confirmation of ours
      return null;
    }
  }

  private boolean expired(Pending p) {
    return !clock.instant().isBefore(p.expiresAt());
  }

  private static String write(Pending p) {
    ObjectNode n = RequestJson.mapper().createObjectNode();
    n.put("user", p.requester().name()).put("role", p.requester().role()).put("text", p.commandText())
        .put("requestId", p.requestId()).put("expiresAt", p.expiresAt().toString());
    if (p.context() != null) n.put("context", p.context());
    n.set("request", RequestJson.write(p.request()));
    return n.toString();
  }

  private static Pending read(String token, JsonNode n) {
    return new Pending(token, new BerthUser(n.get("user").asText(), n.get("role").asText()),
        RequestJson.read(n.get("request")), n.path("text").isNull() ? null : n.path("text").asText(null),
        n.path("requestId").asText(null), Instant.parse(n.get("expiresAt").asText()),
        n.path("context").asText(null));
  }
}
