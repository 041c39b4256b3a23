package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Engine API calls docker-java does not expose fully (system df, image prune's deleted list, a
 * bounded event window). Paths here are constants; only query values come from requests, and
 * they are URL-encoded JSON or numbers the core produced.
 */
final class EngineApi {
  /**
   * The adapter's one data-binding mapper, built on first use: building it is ~0.1 s of a one-shot CLI call
   * (docs/benchmarks.md), and {@code ps} needs none (see {@link ContainerRows}).
   */
  static ObjectMapper json() {
    return Mapper.JSON;
  }

  private static final class Mapper {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  private static final com.fasterxml.jackson.core.JsonFactory GENERATOR = new com.fasterxml.jackson.core.JsonFactory();

  private final DockerClients clients;
  private final DockerErrors errors;

  EngineApi(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  /** What to do with a successful response body. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(InputStream body) throws IOException;
  }

  JsonNode json(DockerHttpClient.Request.Method method, String pathAndQuery) {
    return call(method, pathAndQuery, body -> json().readTree(body));
  }

  <T> T call(DockerHttpClient.Request.Method method, String pathAndQuery, BodyReader<T> reader) {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(method).path(pathAndQuery).build();
    try (DockerHttpClient.Response response = clients.http().execute(request)) {
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        throw errors.fromStatus(status, DockerErrors.messageFromBody(body), null);
      }
      return reader.read(response.getBody());
    } catch (IOException e) {
      throw errors.unreachable(e, e);
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /** An open response to a successful call (a stream the caller reads and closes); an error status throws. */
  DockerHttpClient.Response open(DockerHttpClient.Request.Method method, String pathAndQuery) {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(method).path(pathAndQuery).build();
    DockerHttpClient.Response response = null;
    try {
      response = clients.http().execute(request);
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        throw errors.fromStatus(status, DockerErrors.messageFromBody(body), null);
      }
      return response;
    } catch (IOException e) {
      close(response);
      throw errors.unreachable(e, e);
    } catch (RuntimeException e) {
      close(response);
      throw errors.translate(e);
    }
  }

  private static void close(DockerHttpClient.Response response) {
    if (response != null) response.close();
  }

  /** docker's {@code filters} query value: {@code {"key":["v1","v2"]}}, URL-encoded. */
  static String filters(Map<String, List<String>> filters) {
    java.io.StringWriter text = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator g = GENERATOR.createGenerator(text)) {
      g.writeStartObject();
      for (Map.Entry<String, List<String>> e : filters.entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String v : e.getValue()) g.writeString(v);
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    return URLEncoder.encode(text.toString(), StandardCharsets.UTF_8);
  }
}
