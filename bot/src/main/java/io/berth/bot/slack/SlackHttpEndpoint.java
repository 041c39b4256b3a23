package io.berth.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework-free HTTP entry for slash commands and interactivity ({@code POST /slack/events}).
 * Checks the signature first (nothing of Bolt runs for a refused request), then hands the
 * request to the Bolt app.
 */
public final class SlackHttpEndpoint {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpEndpoint.class);
  private final App app;
  private final SlackRequestParser parser;
  private final SlackSignatureCheck signatures;

  SlackHttpEndpoint(App app, SlackSignatureCheck signatures) {
    this.app = app;
    this.parser = new SlackRequestParser(app.config());
    this.signatures = signatures;
  }

  public SlackHttpResponse handle(SlackHttpRequest request) {
    if (!"POST".equalsIgnoreCase(request.method())) {
      return new SlackHttpResponse(405, Map.of("Allow", List.of("POST")), "");
    }
    Optional<String> refusal = signatures.refusal(
        request.header("X-Slack-Request-Timestamp"), request.header("X-Slack-Signature"), request.body());
    if (refusal.isPresent()) {
      log.warn("refused Slack request from {}: {}", request.remoteAddress(), refusal.get());
      return SlackHttpResponse.unauthorized();
    }
    Map<String, List<String>> headers = new HashMap<>();
    request.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
    SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
        .requestUri(request.path())
        .queryString(request.query())
        .requestBody(request.body())
        .headers(new RequestHeaders(headers))
        .remoteAddress(request.remoteAddress())
        .build();
    Request<?> boltRequest = parser.parse(raw);
    if (boltRequest == null) {
      return new SlackHttpResponse(400, Map.of(), "unsupported request");
    }
    Response response;
    try {
      response = app.run(boltRequest);
    } catch (Exception e) {
      log.error("Slack request failed", e);
      return new SlackHttpResponse(500, Map.of(), "");
    }
    Map<String, List<String>> out = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
    if (response.getContentType() != null) out.put("Content-Type", List.of(response.getContentType()));
    return new SlackHttpResponse(response.getStatusCode() == null ? 200 : response.getStatusCode(), out, response.getBody());
  }
}
