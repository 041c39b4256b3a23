package io.berth.bot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Discord, enough for the real JDA client: a gateway WebSocket (HELLO,
 * IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME, dispatches) and the REST routes JDA calls,
 * recording everything JDA sends.
 */
final class DiscordStandIn implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long DISCORD_EPOCH = 1420070400000L;

  final String botId = "900000000000000001";
  final String applicationId = botId;
  final String guildId = "900000000000000010";
  final String channelId = "900000000000000020";
  /** Where alerts go, so they never interleave with command replies in {@link #channelId}. */
  final String alertChannelId = "900000000000000021";
  /** A third channel of the guild, for presses from a channel Berth is not allowed in. */
  final String otherChannelId = "900000000000000022";
  final String sessionId = "session-berth-test";

  /** A request JDA made to the REST stand-in. */
  record RestCall(String method, String path, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The JSON payload: the body itself, or the payload_json part of a multipart body. */
    JsonNode payload() {
      try {
        if (contentType != null && contentType.startsWith("multipart/")) {
          return JSON.readTree(Multipart.parts(contentType, body).get("payload_json").text());
        }
        return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    Map<String, Multipart.Part> files() {
      if (contentType == null || !contentType.startsWith("multipart/")) return Map.of();
      Map<String, Multipart.Part> files = new LinkedHashMap<>();
      Multipart.parts(contentType, body).forEach((k, v) -> {
        if (v.fileName() != null) files.put(k, v);
      });
      return files;
    }
  }

  final List<RestCall> restCalls = new CopyOnWriteArrayList<>();
  final List<JsonNode> gatewayReceived = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  /** When set, the next RESUME is answered with INVALID_SESSION (as after a long outage). */
  final java.util.concurrent.atomic.AtomicBoolean rejectNextResume = new java.util.concurrent.atomic.AtomicBoolean();
  /** Guild roles besides @everyone, in GUILD_CREATE: role id -> name. */
  final Map<String, String> roles = new java.util.concurrent.ConcurrentHashMap<>();
  /** Guild members and their role ids, as a member request (op 8) is answered: user id -> role ids. */
  final Map<String, List<String>> memberRoles = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong snowflakeCounter = new AtomicLong();
  private final HttpServer http;
  private final Gateway gateway;
  private volatile WebSocket current;

  DiscordStandIn() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::handleRest);
    http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    http.start();
    gateway = new Gateway(new InetSocketAddress("127.0.0.1", 0));
    gateway.setReuseAddr(true);
    gateway.start();
    if (!gateway.started.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("gateway did not start");
  }

  String apiUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
  }

  String gatewayUrl() {
    return "ws://127.0.0.1:" + gateway.getPort();
  }

  /** A current snowflake: JDA checks interaction ids against the 15-minute token lifetime. */
  String snowflake() {
    return Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH) << 22) + snowflakeCounter.incrementAndGet());
  }

  // ---- gateway ---------------------------------------------------------------------------

  private final class Gateway extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);

    Gateway(InetSocketAddress address) {
      super(address);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      current = conn;
      connections.incrementAndGet();
      send(conn, obj("op", 10, "d", obj("heartbeat_interval", 41250)));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      JsonNode msg;
      try {
        msg = JSON.readTree(message);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      gatewayReceived.add(msg);
      int op = msg.path("op").asInt(-1);
      if (op == 1) {
        send(conn, obj("op", 11));
      } else if (op == 2) {
        dispatch(conn, "READY", ready());
        dispatch(conn, "GUILD_CREATE", guild());
      } else if (op == 8) {
        // REQUEST_GUILD_MEMBERS: one chunk with every member, echoing the client's nonce
        List<Object> members = new ArrayList<>();
        memberRoles.forEach((id, r) -> members.add(member(user(id, "user" + id), r)));
        dispatch(conn, "GUILD_MEMBERS_CHUNK", obj("guild_id", guildId, "members", members, "chunk_index", 0,
            "chunk_count", 1, "not_found", List.of(), "nonce", msg.path("d").path("nonce").asText(null)));
      } else if (op == 6) {
        if (rejectNextResume.getAndSet(false)) {
          send(conn, obj("op", 9, "d", false)); // session gone: the client must identify afresh
        } else {
          dispatch(conn, "RESUMED", obj());
        }
      }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
      started.countDown();
    }
  }

  /** Sends a dispatch (op 0) on the live connection. */
  void dispatch(String type, Object data) {
    WebSocket conn = current;
    if (conn == null || !conn.isOpen()) throw new IllegalStateException("no gateway connection");
    dispatch(conn, type, data);
  }

  private void dispatch(WebSocket conn, String type, Object data) {
    send(conn, obj("op", 0, "t", type, "s", seq.incrementAndGet(), "d", data));
  }

  /** Closes the live connection as Discord does before a resume (e.g. 4000 unknown error). */
  void closeConnection(int code) {
    current.close(code, "stand-in closed the connection");
  }

  /** Op 7: Discord asks the client to reconnect and resume. */
  void requestReconnect() {
    send(current, obj("op", 7, "d", null));
  }

  boolean connected() {
    WebSocket c = current;
    return c != null && c.isOpen();
  }

  private static void send(WebSocket conn, Object payload) {
    try {
      conn.send(JSON.writeValueAsString(payload));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- payloads ----------------------------------------------------------------------------

  Map<String, Object> selfUser() {
    return obj("id", botId, "username", "berth", "discriminator", "0", "global_name", null, "avatar", null,
        "bot", true, "flags", 0, "public_flags", 0, "mfa_enabled", false, "verified", true);
  }

  Map<String, Object> user(String id, String name) {
    return obj("id", id, "username", name, "discriminator", "0", "global_name", name, "avatar", null, "public_flags", 0);
  }

  private Map<String, Object> ready() {
    return obj("v", 10, "user", selfUser(), "guilds", List.of(obj("id", guildId, "unavailable", true)),
        "session_id", sessionId, "resume_gateway_url", gatewayUrl(), "shard", List.of(0, 1),
        "application", obj("id", applicationId, "flags", 0), "private_channels", List.of(), "relationships", List.of(),
        "presences", List.of(), "guild_join_requests", List.of(), "geo_ordered_rtc_regions", List.of(),
        "user_settings", obj());
  }

  /** @everyone: view channel, send messages, embed links, attach files, read history. */
  static final String EVERYONE_PERMISSIONS = Long.toString(1024L | 2048L | 16384L | 32768L | 65536L);

  Map<String, Object> member(Map<String, Object> user) {
    return member(user, List.of());
  }

  Map<String, Object> member(Map<String, Object> user, List<String> roleIds) {
    return obj("user", user, "roles", roleIds, "joined_at", "2024-01-01T00:00:00.000000+00:00", "deaf", false,
        "mute", false, "flags", 0, "nick", null, "avatar", null, "premium_since", null, "pending", false,
        "communication_disabled_until", null);
  }

  Map<String, Object> channel() {
    return channel(channelId, "ops");
  }

  Map<String, Object> channel(String id, String name) {
    return obj("id", id, "type", 0, "guild_id", guildId, "name", name, "position", 0,
        "permission_overwrites", List.of(), "parent_id", null, "topic", null, "nsfw", false, "last_message_id", null,
        "rate_limit_per_user", 0, "flags", 0);
  }

  private Map<String, Object> guild() {
    Map<String, Object> everyone = obj("id", guildId, "name", "@everyone", "color", 0,
        "colors", obj("primary_color", 0, "secondary_color", null, "tertiary_color", null), "hoist", false,
        "icon", null, "unicode_emoji", null, "position", 0, "permissions", EVERYONE_PERMISSIONS, "managed", false,
        "mentionable", false, "flags", 0);
    return obj("id", guildId, "name", "Berth Test", "icon", null, "splash", null, "discovery_splash", null,
        "owner_id", "900000000000000099", "afk_channel_id", null, "afk_timeout", 300, "verification_level", 0,
        "default_message_notifications", 0, "explicit_content_filter", 0, "roles", guildRoles(everyone),
        "emojis", List.of(), "stickers", List.of(), "features", List.of(), "mfa_level", 0, "application_id", null,
        "system_channel_id", null, "system_channel_flags", 0, "rules_channel_id", null,
        "joined_at", "2024-01-01T00:00:00.000000+00:00", "large", false, "unavailable", false, "member_count", 2,
        "voice_states", List.of(), "members", List.of(member(selfUser())),
        "channels", List.of(channel(), channel(alertChannelId, "alerts"), channel(otherChannelId, "random")),
        "threads", List.of(), "presences", List.of(), "stage_instances", List.of(), "guild_scheduled_events", List.of(),
        "premium_tier", 0, "premium_subscription_count", 0, "preferred_locale", "en-US", "nsfw_level", 0,
        "premium_progress_bar_enabled", false, "max_members", 1000, "vanity_url_code", null, "description", null,
        "banner", null, "public_updates_channel_id", null, "safety_alerts_channel_id", null);
  }

  private List<Object> guildRoles(Map<String, Object> everyone) {
    List<Object> all = new ArrayList<>(List.of(everyone));
    roles.forEach((id, name) -> {
      Map<String, Object> r = new LinkedHashMap<>(everyone);
      r.put("id", id);
      r.put("name", name);
      r.put("position", 1);
      all.add(r);
    });
    return all;
  }

  /** GUILD_MEMBER_UPDATE: the member's roles are now {@code roleIds} (as when an admin edits them). */
  void sendMemberUpdate(String userId, String userName, List<String> roleIds) {
    memberRoles.put(userId, List.copyOf(roleIds));
    dispatch("GUILD_MEMBER_UPDATE", obj("guild_id", guildId, "roles", roleIds, "user", user(userId, userName),
        "nick", null, "avatar", null, "joined_at", "2024-01-01T00:00:00.000000+00:00", "premium_since", null,
        "deaf", false, "mute", false, "pending", false, "communication_disabled_until", null, "flags", 0));
  }

  /** A MESSAGE_CREATE from a person in the test channel. */
  String sendUserMessage(String userId, String userName, String content) {
    String id = snowflake();
    dispatch("MESSAGE_CREATE", obj("id", id, "channel_id", channelId, "guild_id", guildId, "author", user(userId, userName),
        "member", obj("roles", List.of(), "joined_at", "2024-01-01T00:00:00.000000+00:00", "deaf", false, "mute", false,
            "flags", 0),
        "content", content, "timestamp", Instant.now().toString(), "edited_timestamp", null, "tts", false,
        "mention_everyone", false, "mentions", List.of(), "mention_roles", List.of(), "attachments", List.of(),
        "embeds", List.of(), "pinned", false, "type", 0, "flags", 0, "components", List.of()));
    return id;
  }

  /** An INTERACTION_CREATE for {@code /docker <sub> options...}; returns the interaction id. */
  String sendSlashCommand(String userId, String userName, String subcommand, List<Map<String, Object>> options) {
    Map<String, Object> data = obj("id", "900000000000000500", "name", "docker", "type", 1,
        "options", List.of(obj("name", subcommand, "type", 1, "options", options)));
    return sendInteraction(userId, userName, 2, data, null);
  }

  /** An autocomplete request while the user types the container option of {@code /docker <sub>}. */
  String sendAutocomplete(String userId, String userName, String subcommand, String typed) {
    Map<String, Object> data = obj("id", "900000000000000500", "name", "docker", "type", 1,
        "options", List.of(obj("name", subcommand, "type", 1,
            "options", List.of(obj("name", "container", "type", 3, "value", typed, "focused", true)))));
    return sendInteraction(userId, userName, 4, data, null);
  }

  /** A button press on a message the bot sent. */
  String pressButton(String userId, String userName, String customId, String messageId) {
    return pressButton(userId, userName, customId, messageId, channelId);
  }

  /** A button press on a message the bot sent in {@code inChannel}. */
  String pressButton(String userId, String userName, String customId, String messageId, String inChannel) {
    Map<String, Object> message = message(messageId, "(prompt)", selfUser());
    message.put("channel_id", inChannel);
    return sendInteraction(userId, userName, 3, obj("custom_id", customId, "component_type", 2), message, inChannel);
  }

  final Map<String, String> interactionTokens = new java.util.concurrent.ConcurrentHashMap<>();

  private String sendInteraction(String userId, String userName, int type, Map<String, Object> data, Map<String, Object> message) {
    return sendInteraction(userId, userName, type, data, message, channelId);
  }

  private String sendInteraction(String userId, String userName, int type, Map<String, Object> data, Map<String, Object> message,
      String inChannel) {
    String id = snowflake();
    String token = "itoken-" + id;
    interactionTokens.put(id, token);
    Map<String, Object> member = member(user(userId, userName));
    member.put("permissions", EVERYONE_PERMISSIONS);
    Map<String, Object> payload = obj("id", id, "application_id", applicationId, "type", type, "token", token,
        "version", 1, "guild_id", guildId, "channel_id", inChannel, "channel", channel(inChannel, "ops"), "member", member,
        "data", data, "app_permissions", EVERYONE_PERMISSIONS, "locale", "en-US", "guild_locale", "en-US",
        "entitlements", List.of(), "authorizing_integration_owners", obj("0", guildId), "context", 0,
        "guild", obj("id", guildId, "locale", "en-US", "features", List.of()));
    if (message != null) payload.put("message", message);
    dispatch("INTERACTION_CREATE", payload);
    return id;
  }

  Map<String, Object> message(String id, String content, Map<String, Object> author) {
    return obj("id", id, "channel_id", channelId, "author", author, "content", content,
        "timestamp", Instant.now().toString(), "edited_timestamp", null, "tts", false, "mention_everyone", false,
        "mentions", List.of(), "mention_roles", List.of(), "attachments", List.of(), "embeds", List.of(),
        "pinned", false, "type", 0, "flags", 0, "components", List.of());
  }

  // ---- REST --------------------------------------------------------------------------------

  private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");
  private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/api/v10/channels/(\\d+)/messages/(\\d+)");
  private static final Pattern COMMANDS = Pattern.compile("/api/v10/applications/(\\d+)/commands");
  private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern WEBHOOK = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)(/messages/@original)?");

  private void handleRest(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    RestCall call = new RestCall(method, path, ex.getRequestHeaders().getFirst("Content-Type"), body);
    restCalls.add(call);
    try {
      if (method.equals("GET") && path.equals("/api/v10/users/@me")) {
        respond(ex, 200, selfUser());
      } else if (method.equals("GET") && path.matches("/api/v10/(oauth2/)?applications/@me")) {
        respond(ex, 200, obj("id", applicationId, "name", "Berth", "description", "", "icon", null, "bot_public", true,
            "bot_require_code_grant", false, "flags", 0, "owner", user("900000000000000099", "owner"),
            "team", null, "verify_key", "00", "summary", "", "tags", List.of(), "redirect_uris", List.of(),
            "approximate_guild_count", 1));
      } else if (method.equals("PUT") && COMMANDS.matcher(path).matches()) {
        respond(ex, 200, List.of());
      } else if (method.equals("POST") && CHANNEL_MESSAGES.matcher(path).matches() && failPosts.getAndUpdate(
          n -> Math.max(0, n - 1)) > 0) {
        failed.add(call);
        respond(ex, 500, obj("message", "500: Internal Server Error", "code", 0));
      } else if (method.equals("POST") && CHANNEL_MESSAGES.matcher(path).matches()) {
        String id = snowflake();
        sentIds.put(call, id);
        respond(ex, 200, message(id, call.payload().path("content").asText(""), selfUser()));
      } else if (method.equals("PATCH") && CHANNEL_MESSAGE.matcher(path).matches()) {
        java.util.regex.Matcher m = CHANNEL_MESSAGE.matcher(path);
        m.matches();
        Map<String, Object> edited = message(m.group(2), call.payload().path("content").asText(""), selfUser());
        edited.put("channel_id", m.group(1));
        respond(ex, 200, edited);
      } else if (method.equals("POST") && CALLBACK.matcher(path).matches()) {
        ex.sendResponseHeaders(204, -1);
        ex.close();
      } else if (WEBHOOK.matcher(path).matches() && (method.equals("POST") || method.equals("PATCH"))) {
        Map<String, Object> m = message(snowflake(), call.payload().path("content").asText(""), selfUser());
        m.put("webhook_id", applicationId);
        m.put("application_id", applicationId);
        respond(ex, 200, m);
      } else {
        respond(ex, 404, obj("message", "Unknown route in stand-in: " + method + " " + path, "code", 0));
      }
    } catch (RuntimeException e) {
      respond(ex, 500, obj("message", e.toString(), "code", 0));
    }
  }

  private static void respond(HttpExchange ex, int status, Object json) throws IOException {
    byte[] out = JSON.writeValueAsBytes(json);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  // ---- queries for tests -------------------------------------------------------------------

  /** The calls answered (not those {@link #failPosts} failed). */
  List<RestCall> calls(String method, String pathRegex) {
    List<RestCall> out = new ArrayList<>();
    for (RestCall c : restCalls) {
      if (c.method().equals(method) && c.path().matches(pathRegex) && !failed.contains(c)) out.add(c);
    }
    return out;
  }

  /** The next {@code n} posts to a channel are answered 500 (Discord's own trouble; JDA does not retry a 500). */
  void failPosts(int n) {
    failPosts.set(n);
  }

  /** Posts answered 500 by {@link #failPosts}. */
  List<RestCall> failedPosts() {
    return List.copyOf(failed);
  }

  /** The id the stand-in gave the message a channel post made. */
  String idOf(RestCall post) {
    return sentIds.get(post);
  }

  private final java.util.concurrent.atomic.AtomicInteger failPosts = new java.util.concurrent.atomic.AtomicInteger();
  private final List<RestCall> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** By identity: a RestCall's body is an array, so two calls are equal only when they are the same call. */
  private final Map<RestCall, String> sentIds = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  List<RestCall> messagesPosted() {
    return calls("POST", "/api/v10/channels/" + channelId + "/messages");
  }

  /** Messages the bot edited in a channel (PATCH by message id). */
  List<RestCall> messagesEdited(String channel) {
    return calls("PATCH", "/api/v10/channels/" + channel + "/messages/\\d+");
  }

  List<RestCall> alertsPosted() {
    return calls("POST", "/api/v10/channels/" + alertChannelId + "/messages");
  }

  List<RestCall> followUps(String interactionId) {
    return calls("POST", "/api/v10/webhooks/" + applicationId + "/" + Pattern.quote(interactionTokens.get(interactionId)));
  }

  /** Polls until {@code condition} holds (JDA works on its own threads). */
  static <T> T await(java.util.function.Supplier<T> value, Predicate<T> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T v = value.get();
    while (!condition.test(v)) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what + "; last value: " + v);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      v = value.get();
    }
    return v;
  }

  /** A mutable JSON object that allows null values (Map.of does not). */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  @Override
  public void close() throws Exception {
    http.stop(0);
    gateway.stop(1000);
  }

  /** Minimal multipart/form-data reader for what JDA uploads. */
  static final class Multipart {
    record Part(String name, String fileName, byte[] data) {
      String text() {
        return new String(data, StandardCharsets.UTF_8);
      }
    }

    static Map<String, Part> parts(String contentType, byte[] body) {
      Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
      if (!m.find()) throw new IllegalArgumentException("no boundary in " + contentType);
      byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
      Map<String, Part> parts = new LinkedHashMap<>();
      int pos = indexOf(body, delimiter, 0);
      while (pos >= 0) {
        int start = pos + delimiter.length;
        if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') break;
        start += 2; // CRLF
        int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
        String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
        int next = indexOf(body, delimiter, headerEnd + 4);
        byte[] data = java.util.Arrays.copyOfRange(body, headerEnd + 4, next - 2);
        Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
        Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
        String n = name.find() ? name.group(1) : "?";
        parts.put(n, new Part(n, file.find() ? file.group(1) : null, data));
        pos = next;
      }
      return parts;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
      outer:
      for (int i = from; i <= hay.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
        return i;
      }
      return -1;
    }
  }

  static URI uri(String s) {
    return URI.create(s);
  }
}
