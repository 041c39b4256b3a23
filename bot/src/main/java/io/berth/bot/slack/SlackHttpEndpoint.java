package io.berth.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.berth.core.LogSafe;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework-free HTTP entry for slash commands and interactivity ({@code POST /slack/events}).
 * Checks the signature first (nothing of Bolt runs for a refused request), then the request's
 * shape (a malformed one is answered 400 with one WARN line), then hands it to the Bolt app.
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
      log.warn("refused Slack request from {}: {}", LogSafe.quote(request.remoteAddress()), refusal.get());
      return SlackHttpResponse.unauthorized();
    }
    Optional<String> badBody = SlackRequestShape.bodyProblem(request.header("Content-Type"), request.body());
    if (badBody.isPresent()) return malformed(request, badBody.get());
    Map<String, List<String>> headers = new HashMap<>();
    request.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
    SlackRequestParser.HttpRequest raw = SlackRequestParser.HttpRequest.builder()
        .requestUri(request.path())
        .queryString(request.query())
        .requestBody(request.body())
        .headers(new RequestHeaders(headers))
        .remoteAddress(request.remoteAddress())
        .build();
    Request<?> boltRequest;
    try {
      boltRequest = parser.parse(raw);
    } catch (RuntimeException e) {
      // signed, but not a body Slack would send (bad form encoding, broken JSON, wrong types)
      return malformed(request, "unreadable body (" + e.getClass().getSimpleName() + ")");
    }
    if (boltRequest == null) return malformed(request, "not a slash command or interaction");
    Optional<String> problem = SlackRequestShape.problem(boltRequest);
    if (problem.isPresent()) return malformed(request, problem.get());
    Response response;
    try {
      response = app.run(boltRequest);
    } catch (Exception e) {
      log.error("Slack request failed", e);
      return new SlackHttpResponse(500, Map.of(), "");
    }
    int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
    if (status == 404) return malformed(request, "no handler for this request (unknown command, action or type)");
    Map<String, List<String>> out = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
    if (response.getContentType() != null) out.put("Content-Type", List.of(response.getContentType()));
    return new SlackHttpResponse(status, out, response.getBody());
  }

  /** One WARN line naming the problem (no stack: nothing of ours failed), and a short 400. */
  private static SlackHttpResponse malformed(SlackHttpRequest request, String why) {
    log.warn("malformed Slack request from {}: {}", LogSafe.quote(request.remoteAddress()), why);
    return SlackHttpResponse.badRequest();
  }
}
