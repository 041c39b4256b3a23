package io.berth.bot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for Slack's Web API ({@code /api/METHOD}), for {@code response_url}s
 * ({@code /response/N}) and for file uploads ({@code /upload/ID}). Records every call.
 */
final class SlackStandIn implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded request. {@code params} holds form fields; {@code json} a JSON body, if any. */
  record Call(Instant at, String path, Map<String, String> params, JsonNode json, String body) {
    String method() {
      return path.startsWith("/api/") ? path.substring(5) : path;
    }

    /** The blocks of a Web API call (form field) or a response_url post (JSON body). */
    JsonNode blocks() {
      try {
        if (json != null) return json.path("blocks");
        String b = params.get("blocks");
        return b == null ? JSON.createArrayNode() : JSON.readTree(b);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    String field(String name) {
      if (json != null && json.has(name)) return json.get(name).asText();
      return params.get(name);
    }
  }

  /** User groups as {@code usergroups.users.list} answers: group id -> member ids (absent: no_such_subteam). */
  final Map<String, List<String>> usergroups = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> rateLimitNext = new ConcurrentHashMap<>();
  private final AtomicInteger responseUrls = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String socketUrl = "ws://127.0.0.1:1/unset";

  SlackStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String apiUrl() {
    return base() + "/api/";
  }

  /** A fresh response_url, as Slack puts in each payload. */
  String newResponseUrl() {
    return base() + "/response/" + responseUrls.incrementAndGet();
  }

  void socketUrl(String url) {
    this.socketUrl = url;
  }

  /** The next {@code times} calls of {@code method} get HTTP 429 with Retry-After: 1. */
  void rateLimit(String method, int times) {
    rateLimitNext.put(method, times);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String pathOrMethod) {
    return calls.stream().filter(c -> c.path().equals(pathOrMethod) || c.method().equals(pathOrMethod)).toList();
  }

  /** Polls until a call matches, or fails after {@code timeout}. */
  Call await(Predicate<Call> match, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (Call c : calls) if (match.test(c)) return c;
      Thread.sleep(20);
    }
    throw new AssertionError("no matching call within " + timeout + "; calls: " + summary());
  }

  String summary() {
    List<String> s = new ArrayList<>();
    for (Call c : calls) s.add(c.path() + " " + (c.body().length() > 300 ? c.body().substring(0, 300) + "…" : c.body()));
    return String.join("\n", s);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    Map<String, String> params = new HashMap<>();
    JsonNode json = null;
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
      params = form(body);
    } else if (type != null && type.startsWith("application/json")) {
      json = JSON.readTree(body);
    }
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) params.putAll(form(query));
    Call call = new Call(Instant.now(), path, params, json, body);
    String method = call.method();
    Integer limited = rateLimitNext.computeIfPresent(method, (k, v) -> v > 0 ? v - 1 : null);
    if (limited != null) {
      calls.add(new Call(Instant.now(), path + "#429", params, json, body));
      ex.getResponseHeaders().add("Retry-After", "1");
      send(ex, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
      return;
    }
    calls.add(call);
    if (path.startsWith("/response/")) {
      send(ex, 200, "ok");
      return;
    }
    if (path.startsWith("/upload/")) {
      send(ex, 200, "OK - " + body.length());
      return;
    }
    String answer = switch (method) {
      case "auth.test" -> "{\"ok\":true,\"url\":\"https://berth.example/\",\"team\":\"Berth\",\"user\":\"berth\","
          + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
      case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "") + "\",\"ts\":\""
          + ids.incrementAndGet() + ".0001\"}";
      case "chat.update" -> "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "") + "\",\"ts\":\""
          + params.getOrDefault("ts", "") + "\"}";
      case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + params.getOrDefault("users", "X") + "\"}}";
      case "files.getUploadURLExternal" -> {
        String id = "F" + ids.incrementAndGet();
        yield "{\"ok\":true,\"upload_url\":\"" + base() + "/upload/" + id + "\",\"file_id\":\"" + id + "\"}";
      }
      case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"t\"}]}";
      case "files.info" -> "{\"ok\":true,\"file\":{\"id\":\"" + params.getOrDefault("file", "F1") + "\"}}";
      case "usergroups.users.list" -> {
        List<String> members = usergroups.get(params.getOrDefault("usergroup", ""));
        yield members == null ? "{\"ok\":false,\"error\":\"no_such_subteam\"}"
            : "{\"ok\":true,\"users\":" + JSON.writeValueAsString(members) + "}";
      }
      case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketUrl + "\"}";
      default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
    };
    send(ex, 200, answer);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
