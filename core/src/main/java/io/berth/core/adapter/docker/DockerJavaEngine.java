package io.berth.core.adapter.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.WaitContainerCondition;
import io.berth.core.command.ContainerName;
import io.berth.core.command.ImageRef;
import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.engine.VolumeUsage;
import io.berth.core.result.EngineStatus;
import io.berth.core.model.Subscription;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.LogLine;
import io.berth.core.result.OutputChunk;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.StatsSnapshot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link ContainerEngine} on docker-java with the httpclient5 transport, for one endpoint. Ordinary
 * calls and long streams use separate connection pools (see {@link DockerClients}); every
 * docker-java exception is translated by {@link DockerErrors} before it leaves this class.
 */
public final class DockerJavaEngine implements ContainerEngine, AutoCloseable {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);

  private final String endpoint;
  private final DockerClients clients;
  private final DockerErrors errors;
  private final ImageOperations images;
  private final ExecRunner execs;
  private final LogReader logs;
  private final StatsSampler stats;
  private final EngineObjects objects;
  private final SwarmObjects swarm;
  private final ContainerFiles files;
  private final EngineApi api;
  /** Every stream of this endpoint asks the same probe; one ping answers them all for 2 s. */
  private final io.berth.core.engine.SharedProbe liveness =
      new io.berth.core.engine.SharedProbe(this::pingOnce, java.time.Duration.ofSeconds(2), java.time.Clock.systemUTC());

  /**
   * @param endpoint configured name ("local")
   * @param host {@code unix:///...}, {@code tcp://host:port}; null means DOCKER_HOST, else the local socket.
   *     TLS follows DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
   */
  public DockerJavaEngine(String endpoint, String host) {
    this(endpoint, host, null);
  }

  /** @param tlsDir client certificates (ca.pem, cert.pem, key.pem) for a {@code tcp://} host with TLS; null: none */
  public DockerJavaEngine(String endpoint, String host, java.nio.file.Path tlsDir) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    try {
      this.clients = new DockerClients(host, tlsDir);
    } catch (RuntimeException e) {
      throw new EngineException(Failure.INVALID, "engine endpoint \"" + endpoint + "\": host \"" + host
          + "\" is not usable (" + DockerErrors.plain(e) + "); use unix:///path/to/docker.sock or tcp://HOST:PORT", e);
    }
    this.errors = new DockerErrors(endpoint, clients.host());
    this.images = new ImageOperations(clients, errors);
    this.execs = new ExecRunner(clients, errors);
    this.logs = new LogReader(clients, errors);
    this.stats = new StatsSampler(clients, errors);
    this.objects = new EngineObjects(clients, errors);
    this.swarm = new SwarmObjects(objects);
    this.files = new ContainerFiles(clients, errors);
    this.api = new EngineApi(clients, errors);
  }

  /**
   * What the first call on a unix-socket engine costs whichever engine it is, done now (for a caller with a spare core,
   * before its configuration is read): the JDK's first socket channel asks for the platform's selector provider, and
   * that first look-up searches every jar of the class path for a replacement, opening the 66 MB one (~25 ms).
   */
  public static void warmUp() {
    java.nio.channels.spi.SelectorProvider.provider();
  }

  /**
   * Does ahead of the first call what nearly every command's first call does (see
   * {@link DockerClients#preloadContainerList}), so a caller with a spare core can overlap it with other start-up.
   */
  public void preload() {
    clients.preloadContainerList();
  }

  /**
   * What a starting server uses first, built now (for a caller with a spare core): the container-list reader, and
   * the streaming and probe clients (event feed, engine check, /healthz). A client that cannot be built here fails
   * again, and is reported, where it is first used.
   */
  public void preloadServer() {
    try {
      clients.preloadContainerList();
      clients.preloadServerClients();
    } catch (RuntimeException e) {
      // nothing lost: the first real use builds again and reports its failure to its caller
    }
  }

  /** Whether docker-java's command layer was built (listing and resolving containers do without it). */
  boolean commandLayerBuilt() {
    return clients.commandLayerBuilt();
  }

  /** The engine address actually used, for messages such as health checks. */
  public String host() {
    return clients.host();
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public String ping() {
    return call(() -> {
      clients.probe().pingCmd().exec();
      return clients.probe().versionCmd().exec().getVersion();
    });
  }

  /** The liveness probe of engine streams: a ping that answers within {@link DockerClients#PROBE_TIMEOUT}, shared. */
  boolean alive() {
    return liveness.getAsBoolean();
  }

  private boolean pingOnce() {
    try {
      clients.probe().pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters) {
    return listContainers(all, filters, false);
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters, boolean size) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Ps.Filter f : filters) byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f.value());
    // the engine walks every container's layer for the sizes: only when asked
    return rows(all, size, byKey).stream().map(ContainerRows.Row::summary).toList();
  }

  @Override
  public ContainerSummary resolveContainer(String ref) {
    return resolveContainer(ref, c -> true);
  }

  @Override
  public ContainerSummary resolveContainer(String ref, Predicate<ContainerSummary> visible) {
    String wanted = ref == null ? "" : ContainerRows.stripSlash(ref.trim());
    if (!ContainerName.isReference(wanted)) {
      throw new EngineException(Failure.NOT_FOUND, "No such container: " + ref);
    }
    // Only visible containers take part: one the caller may not see can neither match nor make a prefix ambiguous.
    List<ContainerSummary> candidates = new ArrayList<>();
    if (HEX.matcher(wanted).matches()) {
      // the engine's id filter matches a unique prefix, but answers nothing for an ambiguous one
      List<ContainerRows.Row> byId = rows(true, false, Map.of("id", List.of(wanted)));
      if (byId.isEmpty()) byId = rows(true, false, Map.of());
      byId.stream().map(ContainerRows.Row::summary).filter(visible).forEach(candidates::add);
      for (ContainerSummary c : candidates) {
        if (c.id().equals(wanted)) return c;
      }
    }
    for (ContainerRows.Row c : rows(true, false, Map.of("name", List.of("^/?" + wanted + "$")))) {
      if (c.names().contains("/" + wanted) && visible.test(c.summary())) return c.summary();
    }
    List<ContainerSummary> prefixed = candidates.stream().filter(c -> c.id().startsWith(wanted)).toList();
    if (prefixed.size() == 1) return prefixed.get(0);
    if (prefixed.size() > 1) {
      throw new EngineException(Failure.INVALID, "ambiguous container prefix \"" + wanted + "\" matches: "
          + String.join(", ", prefixed.stream().map(ContainerSummary::name).sorted().toList()));
    }
    throw new EngineException(Failure.NOT_FOUND, "No such container: " + ref);
  }

  @Override
  public Optional<VolumeUsage> volume(String name) {
    if (!ContainerName.isName(name)) return Optional.empty(); // not a volume name the engine could hold
    Map<String, String> labels;
    try {
      InspectVolumeResponse v = clients.ordinary().inspectVolumeCmd(name).exec();
      labels = v.getLabels() == null ? Map.of() : v.getLabels();
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
    // the engine's volume filter also matches mount destinations; a volume name never starts with "/"
    List<ContainerSummary> users = rows(true, false, Map.of("volume", List.of(name))).stream()
        .map(ContainerRows.Row::summary).toList();
    return Optional.of(new VolumeUsage(name, labels, users));
  }

  /** {@code GET /containers/json} with docker's {@code filters} (keys and values the core produced), read without data binding. */
  private List<ContainerRows.Row> rows(boolean all, boolean size, Map<String, List<String>> filters) {
    String query = "/containers/json?all=" + (all ? 1 : 0) + (size ? "&size=1" : "")
        + (filters.isEmpty() ? "" : "&filters=" + EngineApi.filters(filters));
    return api.call(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET, query, ContainerRows::read);
  }


  @Override
  public boolean imageExists(String image) {
    return images.exists(checked(image));
  }

  @Override
  public String pull(String image, ProgressListener progress) {
    return images.pull(image, progress, PULL_TIMEOUT); // parsed there, by the grammar
  }

  @Override
  public String create(Run run) {
    checked(run.image());
    return call(() -> {
      CreateContainerResponse r = RunSpec.apply(run, clients.ordinary().createContainerCmd(run.image())).exec();
      return r.getId();
    });
  }

  @Override
  public void start(String containerId) {
    checkedContainer(containerId);
    call(() -> {
      try {
        clients.ordinary().startContainerCmd(containerId).exec();
      } catch (NotModifiedException alreadyRunning) {
        // docker start on a running container succeeds silently
      }
      return null;
    });
  }

  @Override
  public boolean stop(String containerId, Integer timeoutSeconds) {
    checkedContainer(containerId);
    return call(() -> {
      try {
        var cmd = clients.ordinary().stopContainerCmd(containerId);
        if (timeoutSeconds != null) cmd.withTimeout(timeoutSeconds);
        cmd.exec();
        return true;
      } catch (NotModifiedException alreadyStopped) {
        return false;
      }
    });
  }

  @Override
  public void kill(String containerId, String signal) {
    call(() -> {
      clients.ordinary().killContainerCmd(containerId).withSignal(signal).exec();
      return null;
    });
  }

  @Override
  public void restart(String containerId, Integer timeoutSeconds) {
    checkedContainer(containerId);
    call(() -> {
      var cmd = clients.ordinary().restartContainerCmd(containerId);
      if (timeoutSeconds != null) cmd.withTimeout(timeoutSeconds);
      cmd.exec();
      return null;
    });
  }

  @Override
  public void remove(String containerId, boolean force, boolean volumes) {
    checkedContainer(containerId);
    call(() -> {
      clients.ordinary().removeContainerCmd(containerId).withForce(force).withRemoveVolumes(volumes).exec();
      return null;
    });
  }

  @Override
  public int waitForExit(String containerId, Duration timeout) {
    checkedContainer(containerId);
    // a wait holds its connection until the container exits: it belongs to the streaming pool
    WaitContainerResultCallback cb = call(() -> clients.streaming().waitContainerCmd(containerId)
        .exec(new WaitContainerResultCallback()));
    try {
      boolean done = call(() -> awaitQuietly(cb, timeout));
      if (!done) {
        throw new EngineException(Failure.TIMEOUT, "Container " + shortId(containerId) + " did not exit within "
            + human(timeout) + "; it is still running (see its logs, or stop it).");
      }
      return call(cb::awaitStatusCode);
    } finally {
      closeQuietly(cb);
    }
  }

  /**
   * docker run's sequence: attach (with the log so far, so nothing printed before the attach is lost) and
   * register the wait for the next exit (for its removal with --rm) before starting, so a quick container, even
   * one the engine removes at once, is neither missed nor gone before its exit code is read.
   */
  @Override
  public int startAttached(String containerId, Consumer<OutputChunk> output, Duration timeout) {
    checkedContainer(containerId);
    ResultCallback.Adapter<Frame> attach = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame f) {
        OutputChunk chunk = LogFrames.chunk(f);
        if (chunk != null) output.accept(chunk);
      }
    };
    WaitContainerResultCallback wait = new WaitContainerResultCallback();
    try {
      call(() -> clients.streaming().attachContainerCmd(containerId).withStdOut(true).withStdErr(true)
          .withFollowStream(true).withLogs(true).exec(attach));
      // --rm (AutoRemove): as docker's CLI, wait until it is removed, so it is gone when the run returns
      var host = call(() -> clients.ordinary().inspectContainerCmd(containerId).exec()).getHostConfig();
      WaitContainerCondition until = host != null && Boolean.TRUE.equals(host.getAutoRemove())
          ? WaitContainerCondition.REMOVED : WaitContainerCondition.NEXT_EXIT;
      call(() -> clients.streaming().waitContainerCmd(containerId).withCondition(until).exec(wait));
      awaitStarted(attach);
      awaitStarted(wait);
      start(containerId);
      if (!call(() -> awaitQuietly(wait, timeout))) {
        throw new EngineException(Failure.TIMEOUT, "Container " + shortId(containerId) + " did not exit within "
            + human(timeout) + "; it is still running.");
      }
      int code = call(wait::awaitStatusCode);
      // the attach ends when the container's streams close; the last frames may trail the exit a little
      awaitQuietly(attach, ATTACH_DRAIN);
      return code;
    } finally {
      closeQuietly(attach);
      closeQuietly(wait);
    }
  }

  private static final Duration ATTACH_DRAIN = Duration.ofSeconds(5);
  private static final Duration STREAM_START = Duration.ofSeconds(30);

  /** A stream request counts as sent once the engine answered its headers (or failed it). */
  private void awaitStarted(com.github.dockerjava.api.async.ResultCallbackTemplate<?, ?> cb) {
    try {
      if (!cb.awaitStarted(STREAM_START.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new EngineException(Failure.TIMEOUT, "The Docker engine did not answer within " + human(STREAM_START));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(Failure.TIMEOUT, "interrupted while waiting for the engine");
    }
  }

  @Override
  public List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    return logs.read(checkedContainer(containerId), tail, since, timestamps, maxLines);
  }

  @Override
  public Subscription followLogs(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink) {
    return logs.follow(checkedContainer(containerId), tail, timestamps, sink, this::alive,
        () -> Boolean.TRUE.equals(call(() -> clients.ordinary().inspectContainerCmd(containerId).exec())
            .getState().getRunning()));
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes) {
    return execs.run(checkedContainer(containerId), command, env, workdir, null, timeout, maxOutputBytes, c -> { });
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes, Consumer<OutputChunk> output) {
    return execs.run(checkedContainer(containerId), command, env, workdir, null, timeout, maxOutputBytes, output);
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir, String user,
      Duration timeout, int maxOutputBytes, Consumer<OutputChunk> output) {
    return execs.run(checkedContainer(containerId), command, env, workdir, user, timeout, maxOutputBytes, output);
  }

  @Override
  public io.berth.core.engine.InteractiveProcess openInteractive(io.berth.core.engine.InteractiveProcess.Spec spec,
      io.berth.core.engine.InteractiveProcess.Output output) {
    checkedContainer(spec.containerId()); // it goes into the Engine API's path
    return InteractiveExec.open(clients, errors, spec, output);
  }

  @Override
  public io.berth.core.engine.InteractiveProcess startInteractive(String containerId, boolean tty, int cols, int rows,
      io.berth.core.engine.InteractiveProcess.Output output) {
    return InteractiveAttach.start(clients, errors, checkedContainer(containerId), tty, cols, rows, output);
  }

  @Override
  public BuildOutput build(io.berth.core.command.Build request, Path context, ProgressListener progress) {
    return images.build(request, context, progress, BUILD_TIMEOUT); // parsed there, by the grammar
  }

  @Override
  public ContainerDetails inspect(String containerId) {
    checkedContainer(containerId);
    InspectContainerResponse r = call(() -> clients.ordinary().inspectContainerCmd(containerId).exec());
    ContainerSummary summary = resolveContainer(r.getId());
    var state = r.getState();
    List<String> mounts = r.getMounts() == null ? List.of() : r.getMounts().stream()
        .map(m -> (m.getName() != null ? m.getName() : m.getSource()) + ":"
            + (m.getDestination() == null ? "" : m.getDestination().getPath())
            + (Boolean.FALSE.equals(m.getRW()) ? ":ro" : ""))
        .toList();
    Map<String, String> networks = new LinkedHashMap<>();
    if (r.getNetworkSettings() != null && r.getNetworkSettings().getNetworks() != null) {
      r.getNetworkSettings().getNetworks().forEach((k, v) -> networks.put(k, v.getIpAddress() == null ? "" : v.getIpAddress()));
    }
    String restart = "no";
    if (r.getHostConfig() != null && r.getHostConfig().getRestartPolicy() != null
        && r.getHostConfig().getRestartPolicy().getName() != null
        && !r.getHostConfig().getRestartPolicy().getName().isEmpty()) {
      restart = r.getHostConfig().getRestartPolicy().toString();
    }
    return new ContainerDetails(
        summary,
        r.getImageId(),
        r.getConfig() == null || r.getConfig().getCmd() == null ? List.of() : List.of(r.getConfig().getCmd()),
        r.getConfig() == null || r.getConfig().getEnv() == null ? List.of() : List.of(r.getConfig().getEnv()),
        mounts,
        restart,
        state == null || state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue(),
        state == null ? null : instant(state.getStartedAt()),
        state == null ? null : instant(state.getFinishedAt()),
        state == null || state.getHealth() == null ? null : state.getHealth().getStatus(),
        r.getRestartCount() == null ? 0 : r.getRestartCount(),
        state != null && Boolean.TRUE.equals(state.getOOMKilled()),
        networks);
  }

  @Override
  public List<ImageSummary> images(boolean all) {
    return images(all, Map.of());
  }

  @Override
  public List<ImageSummary> images(boolean all, Map<String, List<String>> filters) {
    Map<String, List<String>> sent = new LinkedHashMap<>();
    filters.forEach((k, v) -> {
      // as docker-java's withDanglingFilter/withReferenceFilter sent them: the last value (dangling as a boolean)
      if (k.equals("dangling")) sent.put(k, List.of(String.valueOf(Boolean.parseBoolean(v.get(v.size() - 1)))));
      else if (k.equals("reference")) sent.put(k, List.of(v.get(v.size() - 1)));
      else sent.put(k, v);
    });
    String query = "/images/json?all=" + (all ? 1 : 0) + (sent.isEmpty() ? "" : "&filters=" + EngineApi.filters(sent));
    return api.call(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET, query, ImageRows::read);
  }

  @Override
  public String inspectDocument(String kind, String ref, boolean size) {
    if (kind.equals("container")) checkedContainer(ref);
    else if (!ImageRef.isValid(ref)) throw new EngineException(Failure.NOT_FOUND, "No such image: " + ref);
    String path = (kind.equals("container") ? "/containers/" : "/images/") + ImageOperations.pathSegment(ref) + "/json"
        + (size && kind.equals("container") ? "?size=1" : "");
    var request = com.github.dockerjava.transport.DockerHttpClient.Request.builder()
        .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET).path(path).build();
    try (var response = clients.http().execute(request)) {
      String body = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (response.getStatusCode() == 404) {
        throw new EngineException(Failure.NOT_FOUND, "No such " + kind + ": " + ref);
      }
      if (response.getStatusCode() / 100 != 2) {
        throw errors.fromStatus(response.getStatusCode(), DockerErrors.messageFromBody(body), null);
      }
      return body;
    } catch (IOException e) {
      throw errors.unreachable(e, e);
    } catch (EngineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }


  @Override
  public StatsSnapshot stats(String containerId) {
    checkedContainer(containerId);
    ContainerSummary c = resolveContainer(containerId);
    return stats.sample(c.id(), c.name());
  }

  @Override
  public List<String> removeImage(String image, boolean force) {
    return images.remove(image, force); // parsed there, by the grammar
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink) {
    return events(sink, status -> { });
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink, Consumer<EngineStatus> status) {
    return new EventFeed(clients.streaming(), errors, () -> listContainers(true, List.of()), this::alive, sink, status,
        endpoint).start();
  }

  @Override
  public void close() {
    clients.close();
  }

  /**
   * Defence in depth: the core already refuses such values, but nothing outside Docker's grammar
   * may become part of an Engine API path, whoever calls this adapter.
   */
  static String checked(String image) {
    try {
      ImageRef.parseAny(image);
      return image;
    } catch (ImageRef.InvalidReference e) {
      throw new EngineException(Failure.INVALID, e.getMessage());
    }
  }

  /** A container reference outside the grammar cannot name a container: docker would say the same. */
  static String checkedContainer(String ref) {
    if (!ContainerName.isReference(ref)) throw new EngineException(Failure.NOT_FOUND, "No such container: " + ref);
    return ref;
  }

  // ---- networks, volumes, files in containers ----

  @Override
  public List<io.berth.core.result.NetworkSummary> networks(Map<String, List<String>> filters) {
    return objects.networks(filters);
  }

  @Override
  public String inspectNetwork(String ref, Predicate<ContainerSummary> visible) {
    return objects.inspectNetwork(ref, visible, networkId -> rows(true, false, Map.of("network", List.of(networkId))).stream()
        .map(ContainerRows.Row::summary).toList());
  }

  @Override
  public String createNetwork(String name, String driver, String subnet, Map<String, String> labels, boolean internal) {
    return objects.createNetwork(name, driver, subnet, labels, internal);
  }

  @Override
  public void removeNetwork(String ref) {
    objects.removeNetwork(ref);
  }

  @Override
  public List<io.berth.core.result.VolumeSummary> volumes(Map<String, List<String>> filters) {
    return objects.volumes(filters);
  }

  @Override
  public String inspectVolume(String name) {
    return objects.inspectVolume(name);
  }

  @Override
  public String createVolume(String name, Map<String, String> labels) {
    return objects.createVolume(name, labels);
  }

  @Override
  public void removeVolume(String name, boolean force) {
    objects.removeVolume(name, force);
  }

  @Override
  public io.berth.core.result.VolumesPruned pruneVolumes(boolean all, Map<String, List<String>> filters) {
    return objects.pruneVolumes(all, filters);
  }

  @Override
  public Optional<io.berth.core.result.ContainerPath> statPath(String containerId, String path) {
    return files.stat(containerId, path);
  }

  @Override
  public java.io.InputStream copyFrom(String containerId, String path) {
    return files.copyFrom(containerId, path);
  }

  @Override
  public void copyTo(String containerId, String directory, java.io.InputStream tar) {
    files.copyTo(containerId, directory, tar);
  }

  /** Runs a docker-java call, translating whatever it throws. */
  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  static boolean awaitQuietly(ResultCallback.Adapter<?> cb, Duration timeout) {
    try {
      return cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(Failure.TIMEOUT, "interrupted while waiting for the engine");
    }
  }

  static boolean awaitQuietly(WaitContainerResultCallback cb, Duration timeout) {
    try {
      return cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(Failure.TIMEOUT, "interrupted while waiting for the engine");
    }
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      // closing a stream that already ended
    }
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? (s / 60) + "m" : s + "s";
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  private static Instant instant(String text) {
    if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) return null;
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  // ---- pause, unpause, top, port, rename, tag, push, events, system df, prune (small objects, made per call) ----

  private ContainerControl control() {
    return new ContainerControl(clients, errors);
  }

  private ImagePublishing publishing() {
    return new ImagePublishing(clients, errors, api);
  }

  @Override
  public void pause(String containerId) {
    control().pause(containerId);
  }

  @Override
  public void unpause(String containerId) {
    control().unpause(containerId);
  }

  @Override
  public io.berth.core.command.Top.Processes top(String containerId, List<String> psArgs) {
    return control().top(containerId, psArgs);
  }

  @Override
  public List<io.berth.core.command.Port.Mapping> ports(String containerId) {
    return control().ports(containerId);
  }

  @Override
  public void rename(String containerId, String newName) {
    if (!ContainerName.isName(newName)) throw new EngineException(Failure.INVALID, "Invalid container name (" + newName + ")");
    control().rename(containerId, newName);
  }

  @Override
  public long writableSize(String containerId) {
    return control().writableSize(containerId);
  }

  @Override
  public void tag(String source, String target) {
    publishing().tag(source, target);
  }

  @Override
  public String push(String image, ProgressListener progress) {
    return publishing().push(image, progress, PULL_TIMEOUT);
  }

  @Override
  public io.berth.core.command.ImagePrune.Pruned pruneImages(boolean all, Map<String, List<String>> filters) {
    return publishing().prune(all, filters);
  }

  @Override
  public io.berth.core.command.Events.History events(Instant since, Instant until, Map<String, List<String>> filters, int max) {
    return new EventHistory(api).read(since, until, filters, max);
  }

  @Override
  public void followEvents(Instant since, Map<String, List<String>> filters,
      java.util.function.Consumer<io.berth.core.command.Events.Event> sink) {
    new EventHistory(api).follow(since, filters, sink);
  }

  @Override
  public io.berth.core.command.SystemDf.Usage diskUsage() {
    return new DiskUsage(api).read();
  }

  // ---- Swarm ----

  @Override
  public String swarmList(io.berth.core.engine.SwarmObject kind, Map<String, List<String>> filters) {
    return swarm.list(kind, filters);
  }

  @Override
  public String swarmInspect(io.berth.core.engine.SwarmObject kind, String ref) {
    return swarm.inspect(kind, ref);
  }

  @Override
  public String createService(String specJson) {
    return swarm.createService(specJson);
  }

  @Override
  public String updateSwarmObject(io.berth.core.engine.SwarmObject kind, String id, long version, String specJson,
      boolean rollback) {
    return swarm.update(kind, id, version, specJson, rollback);
  }

  @Override
  public String swarmNodeId() {
    return swarm.selfNodeId();
  }

  @Override
  public void removeService(String id) {
    swarm.removeService(id);
  }

  @Override
  public List<io.berth.core.result.ServiceLogLine> serviceLogs(String serviceId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    if (!ContainerName.isObjectReference(serviceId)) throw new EngineException(Failure.NOT_FOUND, "No such service: " + serviceId);
    return logs.readService(serviceId, tail, since, timestamps, maxLines);
  }
}
