package io.berth.core.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.berth.core.adapter.docker.DockerJavaEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local Docker engine for real-engine tests: a {@link DockerJavaEngine} plus a raw client for
 * acting "outside Berth" (as the docker CLI would), and clean-up of what a test created. Every
 * container and image a test makes is named with this instance's prefix and labelled
 * {@code berth.test=true}, so concurrent test runs never touch each other's.
 */
public final class TestEngine implements AutoCloseable {
  /** FROM scratch + static busybox (sh, echo, sleep...), built by scripts/test-env.sh. */
  public static final String BUSYBOX = "berth-test/busybox:latest";
  /** Lives only in the local registry (scripts/test-env.sh); prints "Hello from Docker!". */
  public static final String HELLO = "localhost:5000/hello-world:latest";
  public static final String TEST_LABEL = "berth.test";

  private final String prefix;
  private final DockerJavaEngine engine;
  private final DockerClient docker;

  /** {@code area} names the test class or module, e.g. "engine-it"; a random suffix keeps runs apart. */
  public TestEngine(String area) {
    this.prefix = "bt-" + area + "-" + UUID.randomUUID().toString().substring(0, 6);
    this.engine = new DockerJavaEngine("local", null);
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    this.docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).maxConnections(16).build());
  }

  public DockerJavaEngine engine() {
    return engine;
  }

  /** Raw docker-java client: what a person using the docker CLI next to Berth would do. */
  public DockerClient docker() {
    return docker;
  }

  public String prefix() {
    return prefix;
  }

  /** A container or image name unique to this run: {@code <prefix>-<suffix>}. */
  public String name(String suffix) {
    return prefix + "-" + suffix;
  }

  /** Labels every test container carries. */
  public Map<String, String> labels() {
    return Map.of(TEST_LABEL, "true");
  }

  /** Creates and starts a busybox container outside Berth; returns its id. */
  public String startOutsideBerth(String name, String... command) {
    String id = docker.createContainerCmd(BUSYBOX).withName(name).withLabels(labels())
        .withCmd(command.length == 0 ? new String[] {"sleep", "300"} : command).exec().getId();
    docker.startContainerCmd(id).exec();
    return id;
  }

  /** Creates (without starting) a busybox container outside Berth; returns its id. */
  public String createOutsideBerth(String name, String... command) {
    return docker.createContainerCmd(BUSYBOX).withName(name).withLabels(labels())
        .withCmd(command.length == 0 ? new String[] {"sleep", "300"} : command).exec().getId();
  }

  /** Test containers of this run (label berth.test=true, name with this prefix). */
  public List<Container> containers() {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, "true")).exec().stream()
        .filter(c -> c.getNames() != null && Arrays.stream(c.getNames()).anyMatch(n -> n.startsWith("/" + prefix)))
        .toList();
  }

  /** Force-removes this run's test containers. */
  public void removeContainers() {
    for (Container c : containers()) {
      try {
        docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException e) {
        // already gone (e.g. --rm)
      }
    }
  }

  /** Removes images whose repository starts with this run's prefix (e.g. built by a test). */
  public void removeImages() {
    for (var image : docker.listImagesCmd().exec()) {
      if (image.getRepoTags() == null) continue;
      for (String tag : image.getRepoTags()) {
        if (tag.startsWith(prefix) || tag.contains("/" + prefix)) {
          try {
            docker.removeImageCmd(tag).withForce(true).exec();
          } catch (RuntimeException e) {
            // already gone
          }
        }
      }
    }
  }

  /** Removes volumes named with this run's prefix. */
  public void removeVolumes() {
    var volumes = docker.listVolumesCmd().exec().getVolumes();
    if (volumes == null) return;
    for (var v : volumes) {
      if (v.getName().startsWith(prefix)) {
        try {
          docker.removeVolumeCmd(v.getName()).exec();
        } catch (RuntimeException e) {
          // in use or gone
        }
      }
    }
  }

  /**
   * Runs {@code body} needing {@link #HELLO} locally and restores the previous state afterwards: the
   * image must stay registry-only for tests that prove {@code run} pulls it.
   */
  public <T> T withHelloWorldLocal(java.util.function.Supplier<T> body) {
    boolean had = engine.imageExists(HELLO);
    try {
      return body.get();
    } finally {
      if (!had) {
        try {
          docker.removeImageCmd(HELLO).exec();
        } catch (RuntimeException inUse) {
          // a container of someone else's uses it now; leave it
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      removeContainers();
      removeImages();
      removeVolumes();
    } finally {
      engine.close();
      try {
        docker.close();
      } catch (java.io.IOException e) {
        // closing
      }
    }
  }
}
