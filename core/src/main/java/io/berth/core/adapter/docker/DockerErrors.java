package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Translates docker-java and transport exceptions into {@link EngineException}s, once, keeping the engine's message. */
final class DockerErrors {
  private static final Logger log = LoggerFactory.getLogger(DockerErrors.class);
  /** {@code java.io.IOException: } or {@code com.github...InvalidRepositoryNameException: } inside a message. */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)\\b:?\\s*");

  private final String endpoint;
  private final String host;

  DockerErrors(String endpoint, String host) {
    this.endpoint = endpoint;
    this.host = host;
  }

  /** Maps any exception thrown by a docker-java call; an {@link EngineException} passes unchanged. */
  EngineException translate(RuntimeException e) {
    if (e instanceof EngineException ee) return ee;
    if (e instanceof NotModifiedException) return new EngineException(Failure.NOT_MODIFIED, engineMessage(e), e);
    if (e instanceof NotFoundException) return new EngineException(Failure.NOT_FOUND, engineMessage(e), e);
    if (e instanceof ConflictException) return new EngineException(Failure.CONFLICT, engineMessage(e), e);
    if (e instanceof BadRequestException) return new EngineException(Failure.INVALID, engineMessage(e), e);
    if (e instanceof DockerException d) return fromStatus(d.getHttpStatus(), engineMessage(e), e);
    Throwable io = ioCause(e);
    if (io instanceof SocketTimeoutException || io instanceof InterruptedIOException) {
      return new EngineException(Failure.TIMEOUT, "The Docker engine at " + host + " did not answer in time ("
          + io.getMessage() + ").", e);
    }
    if (io != null) return unreachable(io, e);
    if (e instanceof DockerClientException || e instanceof IllegalArgumentException) {
      // docker-java's own checks (e.g. InvalidRepositoryNameException): the user's input, in plain words
      return new EngineException(Failure.INVALID, plain(e), e);
    }
    log.debug("unexpected docker-java failure", e);
    return new EngineException(Failure.INTERNAL, "The Docker call failed: " + plain(e), e);
  }

  /**
   * The message without Java class names ({@code com.github.dockerjava...Exception: }, {@code java.io...}),
   * which mean nothing to the person at the keyboard and tell an attacker what runs here.
   */
  static String plain(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank()) continue;
      String cleaned = CLASS_NAME.matcher(m).replaceAll("").trim();
      if (!cleaned.isEmpty()) return cleaned;
    }
    return "no details were given (see the server log at debug level)";
  }

  /** Maps a raw HTTP status (for the few calls made without docker-java's command layer). */
  EngineException fromStatus(int status, String message, Throwable cause) {
    Failure kind = switch (status) {
      case 304 -> Failure.NOT_MODIFIED;
      case 404 -> Failure.NOT_FOUND;
      case 409 -> Failure.CONFLICT;
      default -> Failure.INVALID; // 400 and the engine's 500s ("port is already allocated") are the user's to fix
    };
    return EngineException.answered(kind, message, status, cause);
  }

  EngineException unreachable(Throwable io, Throwable cause) {
    return new EngineException(Failure.ENGINE_UNREACHABLE,
        "Cannot connect to the Docker engine at " + host + " (endpoint \"" + endpoint + "\"): " + io.getMessage()
            + ". Is dockerd running? Start it (e.g. `sudo systemctl start docker`), point DOCKER_HOST or "
            + "engine.endpoints[].host at the right address, and make sure Berth's user may use the socket "
            + "(e.g. member of the docker group).",
        cause);
  }

  /** The daemon's own words: docker-java formats them as {@code Status 404: {"message":"..."}}. */
  static String engineMessage(Throwable e) {
    String m = e.getMessage() == null ? "the engine gave no details" : plain(e);
    return messageFromBody(m.replaceFirst("^(Status \\d+: )+", ""));
  }

  /** Extracts {@code message} from a JSON error body; returns the text as is otherwise. */
  static String messageFromBody(String body) {
    String t = body == null ? "" : body.trim();
    if (t.startsWith("{")) {
      try {
        JsonNode n = EngineApi.json().readTree(t);
        if (n.hasNonNull("message")) return n.get("message").asText().trim();
      } catch (IOException ignored) {
        // not JSON after all: keep the raw text
      }
    }
    return t;
  }

  private static Throwable ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) return t;
      if (t.getCause() == t) break;
    }
    return null;
  }
}
