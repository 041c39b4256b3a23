package io.berth.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-less client for HTTP tests: signs in, keeps the session cookie and the CSRF token. */
public final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;
  private String cookie;
  private String csrf;

  public WebClient(String base) {
    this.base = base;
  }

  public HttpResponse<String> login(String login, String password) {
    HttpResponse<String> r = post("/login", Map.of("login", login, "password", password), false);
    r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.split(";", 2)[0]);
    if (r.statusCode() == 303) {
      Matcher m = CSRF.matcher(get("/containers").body());
      if (m.find()) csrf = m.group(1);
    }
    return r;
  }

  /** The same browser (its cookie and CSRF token) sending to {@code otherBase}: another replica behind one address. */
  public WebClient on(String otherBase) {
    WebClient c = new WebClient(otherBase);
    c.cookie = cookie;
    c.csrf = csrf;
    return c;
  }

  public String csrf() {
    return csrf;
  }

  public String cookie() {
    return cookie;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
  }

  public HttpResponse<String> getHtmx(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET(), false);
  }

  /** POST form fields with the session's CSRF header (as htmx sends it). */
  public HttpResponse<String> post(String path, Map<String, String> form) {
    return post(path, form, true);
  }

  public HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrf) {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("HX-Request", "true")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (withCsrf && csrf != null) b.header("X-CSRF-Token", csrf);
    return send(b, false);
  }

  public HttpClient http() {
    return http;
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (cookie != null) b.header("Cookie", cookie);
    return b;
  }

  private HttpResponse<String> send(HttpRequest.Builder b, boolean unused) {
    if (cookie != null) b.header("Cookie", cookie);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
