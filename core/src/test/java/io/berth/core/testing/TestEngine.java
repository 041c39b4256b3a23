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
 * {@code berth.test=true}, so concurrent test runs never touch each other's. Images are removed
 * only through {@link #removeImage} (TestIsolationRulesTest keeps it that way).
 */
public final class TestEngine implements AutoCloseable {
  /** FROM scratch + static busybox (sh, echo, sleep...), built by scripts/test-env.sh. */
  public static final String BUSYBOX = "berth-test/busybox:latest";
  /**
   * Lives only in the local registry (scripts/test-env.sh); prints "Hello from Docker!". Tests that
   * pull use {@link #helloInRegistry}, never this name: a pull of a shared name races every other
   * test (and test-env.sh) that has, pulls or removes it.
   */
  public static final String HELLO = "localhost:5000/hello-world:latest";
  /** Images every test and every concurrent build on the machine relies on: never removed by a test. */
  public static final List<String> SHARED_FIXTURES = List.of(BUSYBOX, HELLO);
  public static final String TEST_LABEL = "berth.test";
  /** On every step of a test build ({@link #dockerfile}): names the tag the build is for. */
  static final String BUILD_LABEL = "berth.test.build";

  private final String prefix;
  private final DockerJavaEngine engine;
  private final DockerClient docker;
  private final TestRegistry registry = new TestRegistry();
  private final List<String> registryCopies = new java.util.concurrent.CopyOnWriteArrayList<>();

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

  /**
   * Test containers of this run: label berth.test=true and a name with this prefix, or a step of
   * one of this run's builds (a failed step's container stays, as with {@code docker build}).
   */
  public List<Container> containers() {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, "true")).exec().stream()
        .filter(c -> c.getNames() != null && Arrays.stream(c.getNames()).anyMatch(n -> n.startsWith("/" + prefix))
            || c.getLabels() != null && ownBuild(c.getLabels().getOrDefault(BUILD_LABEL, "")))
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

  /**
   * The one way tests remove an image: by a tag this run made, never by id, never forced, never a
   * shared fixture. Removing by tag deletes the image's untagged parents too, so a test that shared
   * a parent with another test's build would delete it under that build ("unknown parent image ID");
   * {@link #dockerfile} keeps every test build's chain its own, and this keeps removal to it.
   */
  public void removeImage(String tag) {
    TestIsolationRules.requireOwnImage(prefix, tag);
    docker.removeImageCmd(tag).exec();
  }

  /**
   * A Dockerfile {@code FROM} the shared busybox image whose first step is a label naming
   * {@code tag}: the classic builder caches steps by parent and instruction, so without it two tests
   * building similar files would share an intermediate image, and one test's {@code rmi} would
   * delete the other's parent mid-build. Busybox itself is only ever a parent; no test removes it.
   */
  public static String dockerfile(String tag, String... instructions) {
    StringBuilder file = new StringBuilder("FROM " + BUSYBOX + "\nLABEL berth.test=true " + BUILD_LABEL + "=\"" + tag + "\"\n");
    for (String instruction : instructions) file.append(instruction).append('\n');
    return file.toString();
  }

  /**
   * Publishes hello-world to the local registry under a name only this run uses and returns the
   * reference; the engine does not have it, so {@code run}/{@code pull} of it must pull. Deleted
   * from the registry (and untagged locally) on {@link #close}.
   */
  public String helloInRegistry(String suffix) {
    String repository = name(suffix);
    registryCopies.add(repository + ":1");
    return registry.copyHello(repository, "1");
  }

  /**
   * Pushes {@code TestRegistry.HOST/<name(suffix)>:tag}, an image this run built, to the local
   * registry; deleted from the registry on {@link #close}.
   */
  public void push(String reference) {
    String path = reference.substring(TestRegistry.HOST.length() + 1);
    TestIsolationRules.requireOwnImage(prefix, reference);
    registryCopies.add(path);
    int colon = path.lastIndexOf(':');
    try {
      boolean done = docker.pushImageCmd(TestRegistry.HOST + "/" + path.substring(0, colon)).withTag(path.substring(colon + 1))
          .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.PushResponseItem>())
          .awaitCompletion(120, java.util.concurrent.TimeUnit.SECONDS);
      if (!done) throw new IllegalStateException("push of " + reference + " did not finish within 120 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Removes the images this run tagged (by tag, unforced: its containers are gone first). */
  public void removeImages() {
    for (var image : docker.listImagesCmd().exec()) {
      if (image.getRepoTags() == null) continue;
      for (String tag : image.getRepoTags()) {
        try {
          TestIsolationRules.requireOwnImage(prefix, tag);
        } catch (IllegalArgumentException notOurs) {
          continue;
        }
        try {
          removeImage(tag);
        } catch (RuntimeException e) {
          // already gone
        }
      }
    }
    removeBuildLeftovers();
  }

  /**
   * A failed build leaves its successful steps behind as untagged images. They carry the label
   * {@link #dockerfile} gives every step ({@code berth.test.build=<one of our tags>}), so they are
   * this run's own chain and nobody else's parent: removed by id, newest first, unforced.
   */
  private void removeBuildLeftovers() {
    var leftovers = docker.listImagesCmd().withShowAll(true).withLabelFilter(BUILD_LABEL).exec().stream()
        .filter(i -> i.getLabels() != null && ownBuild(i.getLabels().getOrDefault(BUILD_LABEL, "")))
        .sorted(java.util.Comparator.comparing(com.github.dockerjava.api.model.Image::getCreated).reversed())
        .toList();
    for (var image : leftovers) {
      try {
        docker.removeImageCmd(image.getId()).exec();
      } catch (RuntimeException e) {
        // gone with its child, or still tagged
      }
    }
  }

  private boolean ownBuild(String tag) {
    return !tag.isEmpty() && tag.startsWith(prefix + "-") || tag.contains("/" + prefix + "-");
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

  @Override
  public void close() {
    try {
      removeContainers();
      removeImages();
      removeVolumes();
      for (String copy : registryCopies) {
        int colon = copy.lastIndexOf(':');
        registry.delete(copy.substring(0, colon), copy.substring(colon + 1));
      }
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
