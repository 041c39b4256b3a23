package io.berth.web.auth;

import io.berth.web.http.Htmx;
import io.berth.web.http.OriginCheck;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Runs before every request, whatever its method: a console path needs a session (else to the
 * login page), and a state-changing request must carry the session's CSRF token and come from
 * our own origin. Which paths are the console's is decided by path alone, never by the method
 * or by which handler Javalin picked: HEAD and OPTIONS are answered by Javalin without running
 * route-level checks, so a gate that asked the matched route would let them through. Routes the
 * launcher adds (health check, Slack) are not registered here and pass untouched.
 */
public final class AuthGate {
  public static final String COOKIE = "berth_session";
  public static final String SESSION_ATTR = "berth.session";
  public static final String CSRF_FIELD = "_csrf";

  private final SessionStore sessions;
  private final OriginCheck origins;
  private final List<Pattern> protectedPaths = new CopyOnWriteArrayList<>();

  public AuthGate(SessionStore sessions, OriginCheck origins) {
    this.sessions = sessions;
    this.origins = origins;
  }

  /** Marks a route path (Javalin syntax, {@code {param}} segments) as needing a session, for every method. */
  public void protect(String routePath) {
    StringBuilder re = new StringBuilder("^");
    for (String part : routePath.split("(?=\\{)|(?<=\\})")) {
      re.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    protectedPaths.add(Pattern.compile(re.append("/?$").toString()));
  }

  boolean isProtected(String path) {
    return protectedPaths.stream().anyMatch(p -> p.matcher(path).matches());
  }

  public void check(Context ctx) {
    if (!isProtected(ctx.path())) return;
    Optional<Session> session = sessions.find(ctx.cookie(COOKIE));
    if (session.isEmpty()) {
      if (Htmx.isHtmx(ctx)) {
        ctx.header(Htmx.REDIRECT, "/login");
        ctx.status(HttpStatus.UNAUTHORIZED).result("Sign in again.");
      } else if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
      } else {
        ctx.status(HttpStatus.UNAUTHORIZED).result("Not signed in.");
      }
      ctx.skipRemainingHandlers();
      return;
    }
    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
      if (!origins.fromOwnOrigin(ctx) || !csrfMatches(ctx, session.get())) {
        ctx.status(HttpStatus.FORBIDDEN).result("Missing or wrong CSRF token; reload the page.");
        ctx.skipRemainingHandlers();
        return;
      }
    }
    ctx.attribute(SESSION_ATTR, session.get());
  }

  /**
   * The session of a request the gate does not run for (a WebSocket upgrade, which Javalin routes
   * past the HTTP before-handlers): the session its cookie names.
   */
  public Optional<Session> signedIn(Context ctx) {
    return sessions.find(ctx.cookie(COOKIE));
  }

  private static boolean csrfMatches(Context ctx, Session s) {
    String given = ctx.header(Htmx.CSRF);
    if (given == null || given.isEmpty()) given = ctx.formParam(CSRF_FIELD);
    if (given == null) return false;
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
  }
}
