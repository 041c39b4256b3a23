package io.berth.web.auth;

import io.berth.core.LogSafe;
import io.berth.web.LoginVerifier;
import io.berth.web.http.OriginCheck;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out. A sign-in must come from the console's own page (no other site may post
 * credentials into it, e.g. to sign a victim in as the attacker); failed attempts are slowed
 * down per login and per address ({@link LoginThrottle}).
 */
public final class AuthController {
  private static final Logger log = LoggerFactory.getLogger(AuthController.class);
  private static final int MAX_LOGIN = 128;

  private final LoginVerifier verifier;
  private final SessionStore sessions;
  private final LoginThrottle throttle;
  private final OriginCheck origins;
  private final Views views;

  public AuthController(LoginVerifier verifier, SessionStore sessions, LoginThrottle throttle, OriginCheck origins,
      Views views) {
    this.verifier = verifier;
    this.origins = origins;
    this.sessions = sessions;
    this.throttle = throttle;
    this.views = views;
  }

  public void form(Context ctx) {
    if (sessions.find(ctx.cookie(AuthGate.COOKIE)).isPresent()) {
      ctx.redirect("/containers", HttpStatus.SEE_OTHER);
      return;
    }
    render(ctx, "", null, HttpStatus.OK);
  }

  public void login(Context ctx) {
    String ip = ctx.ip();
    if (!origins.fromOwnOrigin(ctx)) {
      log.warn("web login refused: posted from another origin ({}) from {}",
          LogSafe.quote(ctx.header("Origin") != null ? ctx.header("Origin") : ctx.header("Referer")), LogSafe.quote(ip));
      ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain; charset=utf-8")
          .result("Sign in from the console's own login page.");
      return;
    }
    String login = trim(ctx.formParam("login"));
    String password = ctx.formParam("password");
    if (login.isEmpty() || password == null || password.isEmpty() || login.length() > MAX_LOGIN) {
      render(ctx, login, "Enter your login and password.", HttpStatus.BAD_REQUEST);
      return;
    }
    Optional<Duration> wait = throttle.waitFor(login, ip);
    if (wait.isPresent()) {
      log.warn("web login throttled for {} from {}", LogSafe.quote(login), LogSafe.quote(ip));
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(seconds));
      render(ctx, login, "Too many failed attempts. Try again in " + human(seconds) + ".", HttpStatus.TOO_MANY_REQUESTS);
      return;
    }
    if (!verifier.verify(login, password)) {
      throttle.failed(login, ip);
      log.info("web login failed for {} from {}", LogSafe.quote(login), LogSafe.quote(ip));
      render(ctx, login, "Wrong login or password.", HttpStatus.UNAUTHORIZED);
      return;
    }
    throttle.succeeded(login, ip);
    // a fresh id at every sign-in: a planted cookie cannot become someone's session
    sessions.close(ctx.cookie(AuthGate.COOKIE));
    Session s = sessions.open(login);
    ctx.cookie(cookie(ctx, s.id(), -1));
    log.info("web login {} from {}", LogSafe.quote(login), LogSafe.quote(ip));
    ctx.redirect("/containers", HttpStatus.SEE_OTHER);
  }

  private static String human(long seconds) {
    if (seconds < 120) return seconds + (seconds == 1 ? " second" : " seconds");
    return ((seconds + 59) / 60) + " minutes";
  }

  public void logout(Context ctx) {
    sessions.close(ctx.cookie(AuthGate.COOKIE));
    ctx.cookie(cookie(ctx, "", 0));
    ctx.header(io.berth.web.http.Htmx.REDIRECT, "/login");
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private static Cookie cookie(Context ctx, String value, int maxAge) {
    boolean secure = "https".equalsIgnoreCase(ctx.scheme());
    return new Cookie(AuthGate.COOKIE, value, "/", maxAge, secure, true, null, SameSite.STRICT);
  }

  private void render(Context ctx, String login, String error, HttpStatus status) {
    Map<String, Object> p = new HashMap<>();
    p.put("login", login);
    p.put("error", Optional.ofNullable(error));
    ctx.status(status);
    views.page(ctx, "login", p);
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
