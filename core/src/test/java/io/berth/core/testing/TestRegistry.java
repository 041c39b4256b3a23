package io.berth.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The local registry (scripts/test-env.sh) through its HTTP API, so a test can give itself an image
 * that exists only in the registry without touching the engine's images: {@link #copyHello} writes
 * a new repository whose manifest reuses hello-world's layer (a cross-repository mount) with a config
 * of its own. The copy has its own image id, so no other test's pull, run or rmi ever meets it.
 */
public final class TestRegistry {
  /** How the engine names the registry (docker treats 127.0.0.0/8 as an insecure registry). */
  public static final String HOST = "127.0.0.1:5000";
  /** The shared hello-world repository scripts/test-env.sh pushes; only ever read. */
  static final String HELLO_REPOSITORY = "hello-world";
  private static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final URI base = URI.create("http://" + HOST + "/v2/");

  /**
   * Publishes hello-world as {@code HOST/repository:tag}, labelled {@code berth.test.copy=repository}
   * so its image id is unique; returns that reference.
   */
  public String copyHello(String repository, String tag) {
    try {
      ObjectNode manifest = (ObjectNode) json.readTree(get(HELLO_REPOSITORY + "/manifests/latest", MANIFEST_V2));
      ObjectNode config = (ObjectNode) json.readTree(get(HELLO_REPOSITORY + "/blobs/"
          + manifest.path("config").path("digest").asText(), "*/*"));
      config.withObject("/config/Labels").put("berth.test.copy", repository);
      byte[] configBytes = json.writeValueAsBytes(config);
      String configDigest = upload(repository, configBytes);
      for (var layer : manifest.path("layers")) mount(repository, layer.path("digest").asText());
      ((ObjectNode) manifest.path("config")).put("digest", configDigest).put("size", configBytes.length);
      send(HttpRequest.newBuilder(base.resolve(repository + "/manifests/" + tag)).header("Content-Type", MANIFEST_V2)
          .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(manifest))), 201);
      return HOST + "/" + repository + ":" + tag;
    } catch (IOException e) {
      throw new IllegalStateException("registry at " + HOST + ": " + e.getMessage(), e);
    }
  }

  /** Deletes {@code repository:tag} from the registry (its manifest; blobs wait for the registry's GC). */
  public void delete(String repository, String tag) {
    HttpResponse<byte[]> head = send(HttpRequest.newBuilder(base.resolve(repository + "/manifests/" + tag))
        .header("Accept", MANIFEST_V2).method("HEAD", HttpRequest.BodyPublishers.noBody()), 0);
    if (head.statusCode() != 200) return; // never pushed, or gone already
    String digest = head.headers().firstValue("Docker-Content-Digest").orElseThrow();
    send(HttpRequest.newBuilder(base.resolve(repository + "/manifests/" + digest)).DELETE(), 202);
  }

  private byte[] get(String path, String accept) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET(), 200).body();
  }

  private String upload(String repository, byte[] blob) {
    String digest = "sha256:" + sha256(blob);
    HttpResponse<byte[]> started = send(HttpRequest.newBuilder(base.resolve(repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()), 202);
    URI location = base.resolve(started.headers().firstValue("Location").orElseThrow());
    String sep = location.getQuery() == null ? "?" : "&";
    send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + digest))
        .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(blob)), 201);
    return digest;
  }

  private void mount(String repository, String digest) {
    send(HttpRequest.newBuilder(base.resolve(repository + "/blobs/uploads/?mount=" + digest + "&from=" + HELLO_REPOSITORY))
        .POST(HttpRequest.BodyPublishers.noBody()), 201);
  }

  /** Sends; {@code expected} 0 accepts any status. */
  private HttpResponse<byte[]> send(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (expected != 0 && r.statusCode() != expected) {
        throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
            + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("registry at " + HOST + " unreachable (run scripts/test-env.sh): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
