package io.berth.web.http;

import io.berth.core.command.Catalog;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.service.CommandService;
import io.berth.web.auth.AuthGate;
import io.berth.web.auth.Session;
import io.berth.web.view.Chrome;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Who is asking (as the core's {@link Caller}) and what their pages may show. */
public final class RequestContext {
  /** Actions whose controls the console renders only when the policy permits them: every command in the catalog. */
  static final List<String> ACTIONS = Catalog.names();

  private final CommandService commands;
  private final int logLinesKept;

  public RequestContext(CommandService commands, int logLinesKept) {
    this.commands = commands;
    this.logLinesKept = logLinesKept;
  }

  public Session session(Context ctx) {
    return sessionOf(ctx);
  }

  /** The signed-in login of a request the gate let through. */
  public static String login(Context ctx) {
    return sessionOf(ctx).login();
  }

  private static Session sessionOf(Context ctx) {
    Session s = ctx.attribute(AuthGate.SESSION_ATTR);
    if (s == null) throw new IllegalStateException("console route without a session: " + ctx.path());
    return s;
  }

  public Caller caller(Context ctx) {
    Session s = session(ctx);
    return new Caller(Source.WEB, s.login(), s.login(), Location.remote(ctx.ip()));
  }

  public Chrome chrome(Context ctx, String nav) {
    Session s = session(ctx);
    Caller caller = caller(ctx);
    Set<String> allowed = ACTIONS.stream().filter(a -> commands.permits(caller, a)).collect(Collectors.toSet());
    return new Chrome(s.login(), s.login(), s.csrfToken(), allowed, nav, logLinesKept);
  }
}
