package io.berth.web.view;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Paths of the scripts served from webjars. The versions are read from the webjars' own
 * metadata, so the parent POM stays the only place that names them.
 */
public final class Assets {
  private static final String HTMX = "/webjars/htmx.org/" + version("htmx.org") + "/dist/htmx.min.js";
  private static final String SSE = "/webjars/htmx-ext-sse/" + version("htmx-ext-sse") + "/sse.js";

  private static final String XTERM = "/webjars/xterm/" + version("xterm");
  private static final String XTERM_FIT = "/webjars/xterm-addon-fit/" + version("xterm-addon-fit") + "/lib/xterm-addon-fit.js";

  private Assets() {}

  /** The terminal emulator (container page's Terminal tab, session replay). */
  public static String xterm() {
    return XTERM + "/lib/xterm.js";
  }

  public static String xtermCss() {
    return XTERM + "/css/xterm.css";
  }

  public static String xtermFit() {
    return XTERM_FIT;
  }

  public static String htmx() {
    return HTMX;
  }

  public static String sse() {
    return SSE;
  }

  private static String version(String artifact) {
    String path = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
    try (InputStream in = Assets.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("webjar " + artifact + " is not on the classpath");
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
