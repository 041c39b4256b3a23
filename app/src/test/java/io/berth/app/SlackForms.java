package io.berth.app;

import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Slack's requests as Slack posts them to Berth: form bodies, URL-encoded, and signed with the signing secret. */
final class SlackForms {
  private SlackForms() {}

  static String encode(Map<String, String> fields) {
    List<String> parts = new ArrayList<>();
    fields.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return String.join("&", parts);
  }

  /** A {@code /docker} slash command from {@code userId} in #ops, with a fresh trigger id. */
  static String slashCommand(String userId, String userName, String text, String responseUrl) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "legacy");
    f.put("team_id", "T1");
    f.put("team_domain", "berth");
    f.put("channel_id", "C1");
    f.put("channel_name", "ops");
    f.put("user_id", userId);
    f.put("user_name", userName);
    f.put("command", "/docker");
    f.put("text", text);
    f.put("api_app_id", "A1");
    f.put("response_url", responseUrl);
    f.put("trigger_id", UUID.randomUUID().toString());
    return encode(f);
  }

  /** A form POST of {@code body} to {@code events}, signed now. */
  static HttpRequest.Builder signedPost(URI events, String signingSecret, String body) {
    return signedPost(events, signingSecret, String.valueOf(System.currentTimeMillis() / 1000), body);
  }

  /** A form POST of {@code body} to {@code events}, signed as sent at {@code timestamp} (epoch seconds). */
  static HttpRequest.Builder signedPost(URI events, String signingSecret, String timestamp, String body) {
    return HttpRequest.newBuilder(events)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", new SlackSignature.Generator(signingSecret).generate(timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }
}
