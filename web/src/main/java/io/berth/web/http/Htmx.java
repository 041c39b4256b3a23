package io.berth.web.http;

import io.javalin.http.Context;

/** htmx's request and response header names, in one place. */
public final class Htmx {
  public static final String REQUEST = "HX-Request";
  public static final String TARGET = "HX-Target";
  public static final String BOOSTED = "HX-Boosted";
  public static final String REDIRECT = "HX-Redirect";
  public static final String RETARGET = "HX-Retarget";
  public static final String RESWAP = "HX-Reswap";
  public static final String PUSH_URL = "HX-Push-Url";
  public static final String HISTORY_RESTORE = "HX-History-Restore-Request";
  /** Not htmx's: the header our pages send the CSRF token in (set with hx-headers). */
  public static final String CSRF = "X-CSRF-Token";

  private Htmx() {}

  /** True when htmx made the request, so it wants a fragment, not a page. */
  public static boolean isHtmx(Context ctx) {
    // a history restore (back button after hx-push-url) replaces the whole body: give it the page
    return "true".equals(ctx.header(REQUEST)) && !"true".equals(ctx.header(BOOSTED))
        && !"true".equals(ctx.header(HISTORY_RESTORE));
  }
}
