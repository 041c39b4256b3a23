package io.berth.web.http;

import io.javalin.security.RouteRole;

/** Marks the console's own routes: they need a session (and a CSRF token when they change state). */
public enum ConsoleRole implements RouteRole {
  SIGNED_IN
}
