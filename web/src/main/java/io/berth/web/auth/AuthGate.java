package io.berth.web.auth;

import io.berth.web.http.ConsoleRole;
import io.berth.web.http.Htmx;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Runs before every console route: a session is required (else to the login page), and a
 * state-changing request must carry the session's CSRF token and come from our own origin.
 * Routes the launcher adds (health check, Slack) carry no console role and pass untouched.
 */
public final class AuthGate {
  public static final String COOKIE = "berth_session";
  public static final String SESSION_ATTR = "berth.session";
  public static final String CSRF_FIELD = "_csrf";

  private final SessionStore sessions;

  public AuthGate(SessionStore sessions) {
    this.sessions = sessions;
  }

  public void check(Context ctx) {
    if (!ctx.routeRoles().contains(ConsoleRole.SIGNED_IN)) return;
    Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
    if (session.isEmpty()) {
      if (Htmx.isHtmx(ctx)) {
        ctx.header(Htmx.REDIRECT, "/login");
        ctx.status(HttpStatus.UNAUTHORIZED).result("Sign in again.");
      } else if (ctx.method() == HandlerType.GET) {
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
      } else {
        ctx.status(HttpStatus.UNAUTHORIZED).result("Not signed in.");
      }
      ctx.skipRemainingHandlers();
      return;
    }
    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
      if (!sameOrigin(ctx) || !csrfMatches(ctx, session.get())) {
        ctx.status(HttpStatus.FORBIDDEN).result("Missing or wrong CSRF token; reload the page.");
        ctx.skipRemainingHandlers();
        return;
      }
    }
    ctx.attribute(SESSION_ATTR, session.get());
  }

  /** The Origin header, when the browser sends one, must name this host. */
  static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) return origin == null;
    try {
      URI u = URI.create(origin);
      String host = ctx.header("Host");
      String authority = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
      return host != null && host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean csrfMatches(Context ctx, Session s) {
    String given = ctx.header(Htmx.CSRF);
    if (given == null || given.isEmpty()) given = ctx.formParam(CSRF_FIELD);
    if (given == null) return false;
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
  }
}
