package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.engine.EngineException;
import io.berth.core.result.ContainerPath;
import io.berth.core.result.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code docker cp}'s engine side: {@code HEAD/GET/PUT /containers/{id}/archive?path=…}. The path
 * travels as a query parameter, never through a shell; the container id is one the core resolved.
 */
final class ContainerFiles {
  /** Go's os.ModeDir and os.ModeSymlink bits in the path stat's mode. */
  private static final long MODE_DIR = 1L << 31;
  private static final long MODE_SYMLINK = 1L << 27;

  private final DockerClients clients;
  private final DockerErrors errors;

  ContainerFiles(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  Optional<ContainerPath> stat(String containerId, String path) {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder().method("HEAD")
        .path(archivePath(containerId, path)).build();
    try (DockerHttpClient.Response response = clients.http().execute(request)) {
      if (response.getStatusCode() == 404) {
        // the container itself is resolved already: a 404 means the path
        return Optional.empty();
      }
      if (response.getStatusCode() / 100 != 2) {
        throw errors.fromStatus(response.getStatusCode(), "cannot read " + path + " in the container (status "
            + response.getStatusCode() + ")", null);
      }
      String header = response.getHeader("X-Docker-Container-Path-Stat");
      if (header == null) throw new EngineException(Failure.INTERNAL, "the engine sent no path stat for " + path);
      JsonNode s = EngineApi.json().readTree(Base64.getDecoder().decode(header));
      long mode = s.path("mode").asLong();
      return Optional.of(new ContainerPath(s.path("name").asText(), s.path("size").asLong(), (mode & MODE_DIR) != 0,
          (mode & MODE_SYMLINK) != 0 ? s.path("linkTarget").asText() : null));
    } catch (IOException e) {
      throw errors.unreachable(e, e);
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  InputStream copyFrom(String containerId, String path) {
    try {
      return clients.streaming().copyArchiveFromContainerCmd(DockerJavaEngine.checkedContainer(containerId), path).exec();
    } catch (RuntimeException e) {
      EngineException t = errors.translate(e);
      if (t.kind() == Failure.NOT_FOUND) {
        throw new EngineException(Failure.NOT_FOUND, "Could not find the file " + path + " in container " + containerId, e);
      }
      throw t;
    }
  }

  void copyTo(String containerId, String directory, InputStream tar) {
    try {
      clients.streaming().copyArchiveToContainerCmd(DockerJavaEngine.checkedContainer(containerId))
          .withRemotePath(directory).withTarInputStream(tar).exec();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  private static String archivePath(String containerId, String path) {
    return "/containers/" + ImageOperations.pathSegment(DockerJavaEngine.checkedContainer(containerId))
        + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }
}
