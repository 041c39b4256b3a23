package io.berth.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A fleet of real Docker engines on this machine (issue 11): a Swarm of three (manager {@code m1},
 * workers {@code w1}, {@code w2}), a standalone engine reached over TCP with TLS ({@code tls}) and one
 * reached over ssh ({@code ssh}). Each dockerd runs in a network namespace of its own, all joined by a
 * bridge of the fleet's own on a random 10.213.X.0/24; the root namespace has .1 on that bridge, so
 * Berth (running here) reaches the TLS port and the sshd directly. Needs root.
 *
 * <p>The work is done by {@code scripts/fleet.sh} (the one implementation; a person runs the same
 * script by hand): this class runs {@code up}, reads the {@code fleet.env} it writes, and runs
 * {@code kill}/{@code start}/{@code down}. Teardown is the script's ({@code down}: swarm leave,
 * containers, daemons by pid, leftover containerd/shims, mounts, namespaces, veths, bridge, the
 * iptables rule, the directory); it also runs after a failed start and from a JVM shutdown hook if a
 * test never closes. Names carry a random id, so two JVMs can each run a fleet.
 *
 * <p>Service tasks need {@code --no-resolve-image}: the test image exists only locally, not in a
 * registry the Swarm could ask for its digest.
 */
public final class TestFleet implements AutoCloseable {
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(3);

  /** One engine of the fleet: its name (= Berth context), namespace, address on the bridge and local socket. */
  public record Node(String name, String netns, String address, Path socket) {
    /** {@code unix:///tmp/berth-fleet-…/NAME/docker.sock}: the engine's own socket on this machine. */
    public String unixHost() {
      return "unix://" + socket;
    }
  }

  /**
   * One entry of Berth's {@code engine.endpoints}: name, host, the client certificate directory
   * (docker's layout: ca.pem, cert.pem, key.pem) for TLS, the identity and known_hosts for ssh, labels.
   */
  public record Endpoint(String name, String host, Optional<Path> tlsDir, Optional<Path> sshIdentity,
      Optional<Path> sshKnownHosts, Map<String, String> labels) {}

  /** What a command printed, and its exit code. */
  public record Result(int exit, String output) {}

  private final Path script;
  private final Path dir;
  private final Map<String, String> env;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Duration startup;

  private TestFleet(Path script, Path dir, Map<String, String> env, Thread shutdownHook, Duration startup) {
    this.script = script;
    this.dir = dir;
    this.env = env;
    this.shutdownHook = shutdownHook;
    this.startup = startup;
  }

  /** Starts a fleet and waits until every engine answers and the Swarm has formed. */
  public static TestFleet start() throws IOException, InterruptedException {
    return start(Map.of());
  }

  /** {@link #start()} with variables for the script (BERTH_FLEET_IMAGE: the image copied into every engine). */
  static TestFleet start(Map<String, String> scriptEnv) throws IOException, InterruptedException {
    Path script = script();
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "berth-fleet-");
    // registered before anything exists: a JVM that ends during the start still tears down what was made
    Thread hook = new Thread(() -> down(script, dir), "test-fleet-teardown");
    Runtime.getRuntime().addShutdownHook(hook);
    long t0 = System.nanoTime();
    Result up;
    try {
      up = run(List.of("bash", script.toString(), "up", dir.toString()), scriptEnv, UP_TIMEOUT);
    } catch (IOException | InterruptedException | RuntimeException e) {
      teardownAfterFailedStart(script, dir, hook);
      throw e;
    }
    if (up.exit() != 0) {
      teardownAfterFailedStart(script, dir, hook); // the script tore down already; this is idempotent
      throw new IllegalStateException("scripts/fleet.sh up failed (exit " + up.exit() + "):\n" + up.output());
    }
    Duration startup = Duration.ofNanos(System.nanoTime() - t0);
    return new TestFleet(script, dir, readEnv(dir.resolve("fleet.env")), hook, startup);
  }

  private static void teardownAfterFailedStart(Path script, Path dir, Thread hook) {
    down(script, dir);
    removeHook(hook);
  }

  /** How long {@link #start()} took. */
  public Duration startup() {
    return startup;
  }

  /** The fleet's random id (in every name it creates). */
  public String id() {
    return env.get("FLEET_ID");
  }

  /** The directory holding everything of the fleet (data-roots, certificates, keys, logs). */
  public Path dir() {
    return dir;
  }

  public String bridge() {
    return env.get("FLEET_BRIDGE");
  }

  /** All five engines: m1, w1, w2, tls, ssh. */
  public List<Node> nodes() {
    return Arrays.stream(env.get("FLEET_NODES").split(" ")).map(this::node).toList();
  }

  public Node node(String name) {
    String k = "FLEET_" + name.toUpperCase() + "_";
    if (!env.containsKey(k + "SOCKET")) throw new IllegalArgumentException("no node " + name + " in the fleet");
    return new Node(name, env.get(k + "NETNS"), env.get(k + "ADDR"), Path.of(env.get(k + "SOCKET")));
  }

  public Node manager() {
    return node("m1");
  }

  public List<Node> workers() {
    return List.of(node("w1"), node("w2"));
  }

  public Node tlsEngine() {
    return node("tls");
  }

  public Node sshEngine() {
    return node("ssh");
  }

  /** {@code tcp://10.213.X.14:2376}, served with {@code --tlsverify}. */
  public String tlsHost() {
    return env.get("FLEET_TLS_HOST");
  }

  /** The client's ca.pem, cert.pem and key.pem (docker's DOCKER_CERT_PATH layout). */
  public Path tlsDir() {
    return Path.of(env.get("FLEET_TLS_CERTS"));
  }

  /** {@code ssh://root@10.213.X.15}. */
  public String sshHost() {
    return env.get("FLEET_SSH_HOST");
  }

  public Path sshIdentity() {
    return Path.of(env.get("FLEET_SSH_IDENTITY"));
  }

  /** A known_hosts with the sshd's generated host key for its address. */
  public Path sshKnownHosts() {
    return Path.of(env.get("FLEET_SSH_KNOWN_HOSTS"));
  }

  /** Berth's {@code engine.endpoints} for this fleet, in the order of {@link #nodes()}. */
  public List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    for (Node n : List.of(manager(), workers().get(0), workers().get(1))) {
      all.add(new Endpoint(n.name(), n.unixHost(), Optional.empty(), Optional.empty(), Optional.empty(),
          Map.of("fleet", id(), "swarm", n.equals(manager()) ? "manager" : "worker")));
    }
    all.add(new Endpoint("tls", tlsHost(), Optional.of(tlsDir()), Optional.empty(), Optional.empty(),
        Map.of("fleet", id())));
    all.add(new Endpoint("ssh", sshHost(), Optional.empty(), Optional.of(sshIdentity()), Optional.of(sshKnownHosts()),
        Map.of("fleet", id())));
    return List.copyOf(all);
  }

  /** The same endpoints as a YAML fragment of Berth's configuration (written by the script). */
  public Path endpointsYaml() {
    return dir.resolve("endpoints.yml");
  }

  /** The docker CLI against one engine's socket; never fails, the caller judges the result. */
  public Result docker(Node node, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", node.unixHost()));
    cmd.addAll(List.of(args));
    return run(cmd, Duration.ofSeconds(90));
  }

  /** The docker CLI against one engine; returns stdout (stripped), fails on a non-zero exit. */
  public String dockerOk(Node node, String... args) throws IOException, InterruptedException {
    Result r = docker(node, args);
    if (r.exit() != 0) throw new IllegalStateException("docker " + String.join(" ", args) + " on " + node.name() + ": " + r.output());
    return r.output().strip();
  }

  /** SIGKILL the node's dockerd, as a crash (its containerd and shims stay, as they would). */
  public void kill(Node node) throws IOException, InterruptedException {
    script("kill", node.name());
  }

  /**
   * Loses the whole node, as a host losing power: its link to the bridge goes down first (peers hear no FIN and
   * learn of the loss by their own timeouts), then its dockerd, containerd, shims and containers are SIGKILLed.
   */
  public void crash(Node node) throws IOException, InterruptedException {
    script("crash", node.name());
  }

  /** Starts a killed or crashed node's dockerd again (its link up) and waits until it answers. */
  public void restart(Node node) throws IOException, InterruptedException {
    script("start", node.name());
  }

  /** The daemon's log tail, for failure messages. */
  public String log(Node node) {
    try {
      String s = Files.readString(dir.resolve(node.name()).resolve("dockerd.log"));
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * Forwards the ssh engine's socket to {@code localSocket} with the system ssh client, the host key
   * checked against {@code knownHosts} (batch mode: no prompt, no password). Returns once the local
   * socket exists; fails with ssh's message if ssh gives up (e.g. host key verification failed).
   */
  public SshTunnel sshTunnel(Path localSocket, Path knownHosts) throws IOException, InterruptedException {
    List<String> cmd = List.of("ssh", "-N", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
        "-o", "ExitOnForwardFailure=yes", "-o", "ConnectTimeout=10", "-i", sshIdentity().toString(),
        "-L", localSocket + ":" + sshEngine().socket(), "root@" + sshEngine().address());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(localSocket)) return new SshTunnel(p, localSocket);
      if (!p.isAlive()) {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        throw new IllegalStateException("ssh exited (" + p.exitValue() + "): " + out.strip());
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new IllegalStateException("ssh did not forward " + localSocket + " within 30 s");
  }

  /** An {@code ssh -NL} forward of the ssh engine's socket; closing ends ssh and removes the socket. */
  public record SshTunnel(Process ssh, Path socket) implements AutoCloseable {
    public String host() {
      return "unix://" + socket;
    }

    @Override
    public void close() throws IOException, InterruptedException {
      ssh.destroy();
      ssh.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(socket);
    }
  }

  /**
   * What of this fleet still exists on the machine: its namespaces, bridge, iptables rule, processes
   * naming its directory, mounts under it, the directory. Empty after {@link #close()}.
   */
  public List<String> leftovers() throws IOException, InterruptedException {
    return leftovers(id(), dir);
  }

  /** {@link #leftovers()} of the fleet {@code id} in {@code dir} (e.g. one whose start failed). */
  static List<String> leftovers(String id, Path dir) throws IOException, InterruptedException {
    List<String> left = new ArrayList<>();
    try (Stream<Path> netns = Files.exists(Path.of("/var/run/netns")) ? Files.list(Path.of("/var/run/netns")) : Stream.empty()) {
      netns.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("berth-fleet-" + id + "-"))
          .forEach(n -> left.add("netns " + n));
    }
    String bridge = "bfbr" + id; // as scripts/fleet.sh names it
    if (Files.exists(Path.of("/sys/class/net", bridge))) left.add("bridge " + bridge);
    if (run(List.of("iptables", "-C", "FORWARD", "-i", bridge, "-o", bridge, "-j", "ACCEPT"), Duration.ofSeconds(10))
        .exit() == 0) {
      left.add("iptables FORWARD rule for " + bridge);
    }
    String marker = dir + "/";
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
          continue;
        }
        if (cmdline.contains(marker)) left.add("process " + p.getFileName() + ": " + cmdline.strip());
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 4 && f[4].startsWith(marker)) left.add("mount " + f[4]);
    }
    if (Files.exists(dir)) left.add("directory " + dir);
    return left;
  }

  /** Tears everything down (idempotent); how long it took is returned by {@link #closeTimed()}. */
  @Override
  public void close() {
    closeTimed();
  }

  /** {@link #close()}, returning how long the teardown took (zero if already closed). */
  public Duration closeTimed() {
    if (!closed.compareAndSet(false, true)) return Duration.ZERO;
    long t0 = System.nanoTime();
    down(script, dir);
    removeHook(shutdownHook);
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private static void down(Path script, Path dir) {
    try {
      Result r = run(List.of("bash", script.toString(), "down", dir.toString()), DOWN_TIMEOUT);
      if (r.exit() != 0) System.err.println("[fleet] down " + dir + " failed (exit " + r.exit() + "): " + r.output());
    } catch (IOException | RuntimeException e) {
      System.err.println("[fleet] down " + dir + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing to remove
    }
  }

  private void script(String command, String node) throws IOException, InterruptedException {
    Result r = run(List.of("bash", script.toString(), command, dir.toString(), node), Duration.ofMinutes(2));
    if (r.exit() != 0) throw new IllegalStateException("fleet.sh " + command + " " + node + ": " + r.output());
  }

  /** scripts/fleet.sh of this repository: from the working directory (a module or the root) upwards. */
  private static Path script() {
    String override = System.getProperty("berth.fleet.script");
    if (override != null) return Path.of(override);
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path s = d.resolve("scripts/fleet.sh");
      if (Files.isRegularFile(s)) return s;
    }
    throw new IllegalStateException("scripts/fleet.sh not found above " + Path.of("").toAbsolutePath()
        + " (set -Dberth.fleet.script=PATH)");
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.startsWith("#")) continue;
      String v = line.substring(eq + 1);
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
      env.put(line.substring(0, eq), v);
    }
    return Map.copyOf(env);
  }

  private static Result run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
    return run(cmd, Map.of(), timeout);
  }

  private static Result run(List<String> cmd, Map<String, String> env, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("berth-fleet-cmd-", ".log");
    try {
      // output to a file, not a pipe: daemons the script starts must not hold our pipe open
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + Files.readString(out));
      }
      return new Result(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
