package io.berth.web.auth;

import io.berth.web.LoginVerifier;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in and sign-out. Failed attempts are throttled per login and address. */
public final class AuthController {
  private static final Logger log = LoggerFactory.getLogger(AuthController.class);
  private static final int MAX_LOGIN = 128;

  private final LoginVerifier verifier;
  private final SessionStore sessions;
  private final LoginThrottle throttle;
  private final Views views;

  public AuthController(LoginVerifier verifier, SessionStore sessions, LoginThrottle throttle, Views views) {
    this.verifier = verifier;
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
    String login = trim(ctx.formParam("login"));
    String password = ctx.formParam("password");
    String ip = ctx.ip();
    if (login.isEmpty() || password == null || password.isEmpty() || login.length() > MAX_LOGIN) {
      render(ctx, login, "Enter your login and password.", HttpStatus.BAD_REQUEST);
      return;
    }
    if (!throttle.allows(login, ip)) {
      log.warn("web login throttled for {} from {}", login, ip);
      render(ctx, login, "Too many failed attempts. Try again in " + throttle.window().toMinutes() + " minutes.",
          HttpStatus.TOO_MANY_REQUESTS);
      return;
    }
    if (!verifier.verify(login, password)) {
      throttle.failed(login, ip);
      log.info("web login failed for {} from {}", login, ip);
      render(ctx, login, "Wrong login or password.", HttpStatus.UNAUTHORIZED);
      return;
    }
    throttle.succeeded(login, ip);
    // a fresh id at every sign-in: a planted cookie cannot become someone's session
    sessions.close(ctx.cookie(AuthGate.COOKIE));
    Session s = sessions.open(login);
    ctx.cookie(cookie(ctx, s.id(), -1));
    log.info("web login {} from {}", login, ip);
    ctx.redirect("/containers", HttpStatus.SEE_OTHER);
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
    p.put("error", java.util.Optional.ofNullable(error));
    ctx.status(status);
    views.page(ctx, "login", p);
  }

  private static String trim(String s) {
    return s == null ? "" : s.strip();
  }
}
