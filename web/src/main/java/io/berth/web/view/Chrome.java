package io.berth.web.view;

import java.util.Set;

/**
 * What every page needs around its content: who is signed in, the CSRF token for htmx requests,
 * which actions the policy lets them use (controls for the rest are not rendered), the active
 * section.
 */
public record Chrome(String login, String displayName, String csrf, Set<String> allowed, String nav,
    int logLinesKept) {
  public Chrome {
    allowed = Set.copyOf(allowed);
  }

  public boolean can(String action) {
    return allowed.contains(action);
  }

  /** JSON for hx-headers; the token is base64url, so it needs no JSON escaping. */
  public String csrfHeaders() {
    return "{\"X-CSRF-Token\":\"" + csrf + "\"}";
  }
}
