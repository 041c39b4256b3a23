package io.berth.core.adapter.docker;

import io.berth.core.engine.Backoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code ssh://USER@HOST} endpoint reached through the system {@code ssh} client: {@code ssh -N -L} forwards
 * the remote engine socket to a unix socket of our own (in a 0700 directory), which a {@link DockerJavaEngine}
 * then uses like a local engine. The host key is checked against the given known_hosts (BatchMode, strict: an
 * unknown or changed key refuses the connection). No shell: the command is an argument list. When ssh exits
 * (network gone, sshd restarted) it is started again with backoff (200 ms doubling to 30 s), for as long as
 * this forward is open.
 */
public final class SshForward implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SshForward.class);

  private final String context;
  private final List<String> command;
  private final Path dir;
  private final Path socket;
  private final Thread keeper;
  private volatile Process ssh;
  private volatile boolean closed;

  /**
   * @param target {@code USER@HOST} or {@code USER@HOST:PORT} (from {@code ssh://USER@HOST[:PORT]})
   * @param identity key file, null: ssh's own defaults
   * @param knownHosts null: ssh's own (~/.ssh/known_hosts), still strictly checked
   * @param remoteSocket the engine socket on the remote machine
   */
  public SshForward(String context, String target, Path identity, Path knownHosts, String remoteSocket) throws IOException {
    this.context = context;
    this.dir = Files.createTempDirectory("berth-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    this.socket = dir.resolve("docker.sock");
    String userHost = target;
    String port = null;
    int colon = target.lastIndexOf(':');
    if (colon > target.indexOf('@')) {
      userHost = target.substring(0, colon);
      port = target.substring(colon + 1);
    }
    List<String> cmd = new ArrayList<>(List.of("ssh", "-N", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "ExitOnForwardFailure=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=5",
        "-o", "ServerAliveCountMax=3", "-o", "StreamLocalBindUnlink=yes"));
    if (knownHosts != null) cmd.addAll(List.of("-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null"));
    if (identity != null) cmd.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", identity.toString()));
    if (port != null) cmd.addAll(List.of("-p", port));
    cmd.addAll(List.of("-L", socket + ":" + remoteSocket, "--", userHost));
    this.command = List.copyOf(cmd);
    this.keeper = new Thread(this::keep, "berth-ssh-" + context);
    keeper.setDaemon(true);
    keeper.start();
  }

  /** {@code unix://…}: where the engine adapter connects. */
  public String host() {
    return "unix://" + socket;
  }

  /** Waits until the forward listens, at most {@code max}; false when it does not (the endpoint then reads as down). */
  public boolean awaitListening(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(socket)) return true;
      Thread.sleep(20);
    }
    return Files.exists(socket);
  }

  List<String> command() {
    return command;
  }

  private void keep() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    while (!closed) {
      long started = System.nanoTime();
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        ssh = p;
        if (closed) p.destroy();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = p.waitFor();
        if (!closed) log.warn("context {}: ssh forward ended ({}): {}", context, code, out);
      } catch (IOException e) {
        if (!closed) log.warn("context {}: ssh did not start: {}", context, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      // a forward that held for a minute was healthy: the next failure starts the backoff over
      if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(1)) backoff.reset();
      try {
        if (!closed) Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Process p = ssh;
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    keeper.interrupt();
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a temp directory left behind holds nothing secret
    }
  }
}
