package io.berth.bot.slack;

import java.util.List;
import java.util.Map;

/** What the Slack endpoint answers: status, headers and body, for the hosting server to write. */
public record SlackHttpResponse(int status, Map<String, List<String>> headers, String body) {
  public SlackHttpResponse {
    headers = Map.copyOf(headers == null ? Map.of() : headers);
    body = body == null ? "" : body;
  }

  static SlackHttpResponse badRequest() {
    return new SlackHttpResponse(400, Map.of("Content-Type", List.of("text/plain")), "malformed request");
  }

  static SlackHttpResponse unauthorized() {
    return new SlackHttpResponse(401, Map.of("Content-Type", List.of("text/plain")), "invalid request");
  }
}
