package io.berth.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a slash command or a button press must carry before Berth acts on it. A correctly signed
 * request can still be malformed (a holder of the signing secret, a proxy that mangles bodies, a
 * change on Slack's side); it is refused here, with the first missing field named, instead of
 * failing somewhere inside a listener.
 */
final class SlackRequestShape {
  private SlackRequestShape() {}

  /**
   * Whether the raw body is something Slack sends to this endpoint: a form with a slash command,
   * a {@code block_actions} payload, Slack's SSL check, or (JSON) a subscribed event or Slack's URL check. Checked before Bolt parses it, which
   * would otherwise log the whole body, unencoded, for anything it does not recognise.
   */
  static Optional<String> bodyProblem(String contentType, String body) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (type.equals("application/json")) return eventProblem(body);
    if (!type.equals("application/x-www-form-urlencoded")) return Optional.of("body is not a form");
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) continue;
      String[] kv = pair.split("=", 2);
      try {
        form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      } catch (IllegalArgumentException e) {
        return Optional.of("bad form encoding");
      }
    }
    if (form.containsKey("ssl_check")) return Optional.empty();
    if (form.containsKey("payload")) {
      JsonElement payload;
      try {
        payload = JsonParser.parseString(form.get("payload"));
      } catch (RuntimeException e) {
        return Optional.of("payload is not JSON");
      }
      if (!payload.isJsonObject()) return Optional.of("payload is not a JSON object");
      JsonElement kind = payload.getAsJsonObject().get("type");
      if (kind == null || !kind.isJsonPrimitive() || !"block_actions".equals(kind.getAsString())) {
        return Optional.of("payload type is not block_actions");
      }
      return Optional.empty();
    }
    if (form.containsKey("command")) return Optional.empty();
    return Optional.of("neither a slash command nor an interaction");
  }

  /** Events API deliveries Berth subscribes to: user group changes (see {@code SlackGroupSync}). */
  static final java.util.Set<String> EVENTS = java.util.Set.of("subteam_members_changed", "subteam_updated");

  /** A JSON body: Slack's URL check when events are enabled, or an event Berth subscribes to. */
  private static Optional<String> eventProblem(String body) {
    JsonElement json;
    try {
      json = JsonParser.parseString(body);
    } catch (RuntimeException e) {
      return Optional.of("body is not JSON");
    }
    if (!json.isJsonObject()) return Optional.of("body is not a JSON object");
    String kind = text(json.getAsJsonObject().get("type"));
    if ("url_verification".equals(kind)) return Optional.empty();
    if (!"event_callback".equals(kind)) return Optional.of("JSON body is neither an event nor Slack's URL check");
    JsonElement event = json.getAsJsonObject().get("event");
    String eventType = event != null && event.isJsonObject() ? text(event.getAsJsonObject().get("type")) : null;
    if (eventType == null || !EVENTS.contains(eventType)) return Optional.of("event is not one Berth subscribes to");
    return Optional.empty();
  }

  private static String text(JsonElement e) {
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  /** Why the request cannot be handled, or empty when it has everything the listeners read. */
  static Optional<String> problem(Request<?> request) {
    if (request instanceof SlashCommandRequest r) return slash(r.getPayload());
    if (request instanceof BlockActionRequest r) return buttons(r.getPayload());
    return Optional.empty(); // other kinds reach no listener of ours; Bolt answers them
  }

  private static Optional<String> slash(SlashCommandPayload p) {
    if (p == null) return Optional.of("slash command without a body");
    if (blank(p.getUserId())) return Optional.of("slash command without user_id");
    if (blank(p.getChannelId())) return Optional.of("slash command without channel_id");
    if (blank(p.getCommand())) return Optional.of("slash command without command");
    if (blank(p.getResponseUrl())) return Optional.of("slash command without response_url");
    return Optional.empty();
  }

  private static Optional<String> buttons(BlockActionPayload p) {
    if (p == null) return Optional.of("block_actions without a payload");
    if (p.getUser() == null || blank(p.getUser().getId())) return Optional.of("block_actions without user.id");
    if (blank(p.getResponseUrl())) return Optional.of("block_actions without response_url");
    if (p.getActions() == null || p.getActions().isEmpty()) return Optional.of("block_actions without actions");
    for (BlockActionPayload.Action a : p.getActions()) {
      if (a == null || blank(a.getActionId())) return Optional.of("block_actions with an action without action_id");
    }
    return Optional.empty();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
