package io.berth.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Docker engine of the test's own, for tests that stop, restart or reconfigure an engine (the
 * shared one at /var/run/docker.sock must never be touched). As the field notes measured: it runs in
 * its own network namespace (a second dockerd in the root namespace can take docker0 away from the
 * main engine), entered with {@code nsenter} ({@code ip netns exec} remounts /sys and dockerd fails),
 * with no bridge and no iptables rules, its own data-root/exec-root under a temp dir in /tmp (fast
 * local disk) and its own containerd namespace. Needs root. Everything is torn down in reverse in
 * {@link #close()}, also after a failed test: containers, daemon (by pid), leftover shims of its
 * exec-root, mounts, the namespace, the directories.
 */
public final class DedicatedDockerd implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(30);

  private final String name;
  private final Path dir;
  private final List<String> extraFlags;
  private Process daemon;
  private boolean namespaceCreated;

  private DedicatedDockerd(String name, Path dir, List<String> extraFlags) {
    this.name = name;
    this.dir = dir;
    this.extraFlags = List.copyOf(extraFlags);
  }

  /**
   * Creates the namespace and starts the daemon; waits until it answers. {@code extraFlags} go to
   * dockerd (e.g. {@code --live-restore}).
   */
  public static DedicatedDockerd start(String... extraFlags) throws IOException, InterruptedException {
    String name = "berth-test-" + UUID.randomUUID().toString().substring(0, 8);
    DedicatedDockerd d = new DedicatedDockerd(name, Files.createTempDirectory(Path.of("/tmp"), name + "-"),
        List.of(extraFlags));
    try {
      run(List.of("ip", "netns", "add", name));
      d.namespaceCreated = true;
      run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
      d.startDaemon();
      return d;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      d.close();
      throw e;
    }
  }

  /** {@code unix:///tmp/.../docker.sock}: what Berth's engine.endpoints[].host takes. */
  public String host() {
    return "unix://" + socket();
  }

  public Path socket() {
    return dir.resolve("docker.sock");
  }

  /** The daemon's process id while it runs. */
  public long pid() {
    return daemon.pid();
  }

  public boolean running() {
    return daemon != null && daemon.isAlive();
  }

  /** Starts the daemon (again, after {@link #stop()}) and waits until it answers. */
  public void startDaemon() throws IOException, InterruptedException {
    if (running()) throw new IllegalStateException("already running");
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + name, "dockerd",
        "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
        "-H", host(), "--pidfile", dir.resolve("docker.pid").toString(),
        "--bridge=none", "--iptables=false", "--ip-masq=false", "--ip-forward=false",
        "--containerd-namespace", name, "--containerd-plugins-namespace", name + "-plugins"));
    cmd.addAll(extraFlags);
    // nsenter execs dockerd: this process is the daemon, its pid the one to signal
    daemon = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile())).start();
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!daemon.isAlive()) throw new IllegalStateException("dockerd exited: " + log());
      if (cli(List.of("version", "--format", "{{.Server.Version}}"), Duration.ofSeconds(5)).exit() == 0) return;
      Thread.sleep(100);
    }
    throw new IllegalStateException("dockerd did not answer within " + READY.toSeconds() + " s: " + log());
  }

  /** SIGTERM, as a service manager stops it; waits for the process to exit. */
  public void stop() throws InterruptedException {
    if (!running()) return;
    daemon.destroy();
    if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Copies an image from the shared engine into this one. */
  public void loadImage(String image) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", "docker save \"$1\" | docker -H \"$2\" load", "load", image, host())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("load " + image + ": " + out);
  }

  /** Runs the docker CLI against this engine; returns stdout, fails on a non-zero exit. */
  public String docker(String... args) throws IOException, InterruptedException {
    Result r = cli(List.of(args), Duration.ofSeconds(60));
    if (r.exit() != 0) throw new IllegalStateException("docker " + String.join(" ", args) + ": " + r.output());
    return r.output().strip();
  }

  /** The daemon's own log, for failure messages. */
  public String log() {
    try {
      String s = Files.readString(dir.resolve("dockerd.log"));
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      if (running()) {
        Result ids = cli(List.of("ps", "-aq"), Duration.ofSeconds(20));
        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        ids.output().lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(rm::add);
        if (rm.size() > 2) cli(rm, Duration.ofSeconds(60));
      }
      stop();
      killLeftoverShims();
      unmountUnder(dir);
      if (namespaceCreated) run(List.of("ip", "netns", "delete", name));
      deleteTree(dir);
    } catch (IOException | InterruptedException | RuntimeException e) {
      throw new IllegalStateException("tearing down " + name + " in " + dir + ": " + e, e);
    }
  }

  /** With --live-restore, container shims outlive the daemon: those of this exec-root, by pid. */
  private void killLeftoverShims() throws IOException {
    String marker = dir.resolve("exec").toString();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
          continue;
        }
        if (cmdline.contains("containerd-shim") && cmdline.contains(marker)) {
          ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  private static void unmountUnder(Path dir) throws IOException, InterruptedException {
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 4 && f[4].startsWith(dir.toString())) mounts.add(f[4]);
    }
    mounts.sort(Comparator.reverseOrder()); // deepest first
    for (String m : mounts) run(List.of("umount", "-l", m));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private record Result(int exit, String output) {}

  private Result cli(List<String> args, Duration timeout) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", host()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      return new Result(-1, out);
    }
    return new Result(p.exitValue(), out);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
