package io.berth.web.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request was sent by one of the console's own pages. Browsers name the page's origin
 * in {@code Origin} (and in {@code Referer}, which our Referrer-Policy keeps to same-origin
 * requests) on every form post; a page elsewhere cannot forge either. The console's own origin
 * is {@code web.publicUrl} when configured (behind a proxy the Host may be rewritten), else
 * the request's Host. A request with neither header comes from no browser page (curl, a
 * script): it carries no ambient browser credentials to abuse, so it is not refused here.
 */
public final class OriginCheck {
  private final Optional<URI> publicUrl;

  public OriginCheck(Optional<URI> publicUrl) {
    this.publicUrl = publicUrl;
  }

  public boolean fromOwnOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null) return matches(ctx, origin);
    String referer = ctx.header("Referer");
    if (referer != null) return matches(ctx, referer);
    return true;
  }

  /**
   * Stricter, for WebSocket upgrades: browsers always send {@code Origin} on them and never apply
   * the same-origin policy to them (any page may open a socket to us with our cookie), so a missing
   * Origin is refused too.
   */
  public boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    return origin != null && matches(ctx, origin);
  }

  private boolean matches(Context ctx, String url) {
    try {
      URI u = new URI(url.strip());
      if (u.getScheme() == null || u.getHost() == null) return false; // includes Origin: null (sandboxed, file:)
      if (publicUrl.isPresent()) {
        URI own = publicUrl.get();
        return own.getScheme().equalsIgnoreCase(u.getScheme()) && authority(own).equals(authority(u));
      }
      String host = ctx.header("Host");
      return host != null && authority(new URI(u.getScheme() + "://" + host.strip())).equals(authority(u));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  /** host[:port], lower case, with the scheme's default port left out (browsers omit it). */
  private static String authority(URI u) {
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort();
    int standard = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    return port < 0 || port == standard ? host : host + ":" + port;
  }
}
