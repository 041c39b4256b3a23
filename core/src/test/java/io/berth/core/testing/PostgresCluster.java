package io.berth.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster of the test's own (Debian's {@code postgresql} package, installed
 * by scripts/test-env.sh): {@code initdb} into a temp dir, {@code pg_ctl start} on a free loopback
 * port with its unix socket in that dir, password login (SCRAM) for a superuser {@code berth}.
 * Never touches a system-wide cluster. PostgreSQL refuses to run as root, so under root the cluster
 * runs as the package's {@code postgres} user ({@code runuser}). {@link #close()} stops it
 * (immediate) and deletes the directory; a JVM shutdown hook does the same if a test never closes.
 */
public final class PostgresCluster implements AutoCloseable {
  public static final String USER = "berth";

  private final Path dir;
  private final Path bin;
  private final int port;
  private final String password;
  private final Thread cleanup;
  private final boolean flushes;
  private boolean started;
  private boolean closed;

  private PostgresCluster(Path dir, Path bin, int port, String password, boolean flushes) {
    this.flushes = flushes;
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.password = password;
    this.cleanup = new Thread(this::stopAndDelete, "postgres-cluster-cleanup");
  }

  /** Creates and starts a new cluster; fails with the fix when PostgreSQL is not installed. */
  public static PostgresCluster start() throws IOException, InterruptedException {
    return start(true);
  }

  /**
   * For benchmarks' CPU ceiling only: a cluster that never flushes its WAL ({@code fsync=off}; the
   * store's sessions still ask for {@code synchronous_commit=on}, which then waits for the write,
   * not the disk). Not durable.
   */
  public static PostgresCluster startWithoutFlush() throws IOException, InterruptedException {
    return start(false);
  }

  private static PostgresCluster start(boolean flushes) throws IOException, InterruptedException {
    Path bin = binDir();
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "berth-pg-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    PostgresCluster c = new PostgresCluster(dir, bin, freePort(), HexFormat.of().formatHex(secret), flushes);
    Runtime.getRuntime().addShutdownHook(c.cleanup);
    try {
      c.initAndStart();
      return c;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  private void initAndStart() throws IOException, InterruptedException {
    Path pw = dir.resolve("pwfile");
    Files.writeString(pw, password + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    if (isRoot()) {
      UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
      Files.setOwner(pw, postgres);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", USER, "--pwfile=" + pw,
        "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), 120);
    Files.deleteIfExists(pw);
    // pg_ctl hands -o to the server through /bin/sh: only a number, our own temp path and constants go in.
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
            + (flushes ? "" : " -c fsync=off -c synchronous_commit=off"), "start"), 90);
    started = true;
  }

  private Path data() {
    return dir.resolve("data");
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A new, empty database with a unique name; returns its name. */
  public String createDatabase() throws SQLException {
    String name = "berth_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /**
   * A new database holding Berth's schema, as the audit store creates it (the replicas' shared table included):
   * what a test of a store that lives beside the audit starts from.
   */
  public io.berth.core.adapter.postgres.PostgresAuditTrail.Settings createBerthDatabase() throws SQLException {
    var settings = io.berth.core.adapter.postgres.PostgresAuditTrail.Settings.of(url(createDatabase()), USER);
    io.berth.core.adapter.postgres.PostgresAuditTrail.open(settings, password()).close();
    return settings;
  }

  /** A superuser session (autocommit) to {@code database}: for setting up and for tampering as an admin would. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, password);
  }

  /** Where the server writes its data: benchmarks put it on the disk they measure. */
  public Path directory() {
    return dir;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException ignored) {
      // already shutting down: the hook runs anyway
    }
    stopAndDelete();
  }

  private void stopAndDelete() {
    try {
      if (started && Files.exists(data().resolve("postmaster.pid"))) {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"), 60);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("stopping the test PostgreSQL cluster in " + dir + " failed: " + e);
    } finally {
      started = false;
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      } catch (IOException e) {
        System.err.println("deleting " + dir + " failed: " + e);
      }
    }
  }

  private void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (isRoot()) full.addAll(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(command);
    Path log = Files.createTempFile("berth-pg-cmd", ".log");
    try {
      Process p = new ProcessBuilder(full).directory(Path.of("/tmp").toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        String server = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
        throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
            + Files.readString(log) + server);
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** $BERTH_PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian's layout). */
  static Path binDir() {
    String env = System.getenv("BERTH_PG_BIN");
    if (env != null && !env.isBlank()) return Path.of(env);
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(root)) {
      return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
          .map(v -> v.resolve("bin"))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under " + root + ": run scripts/test-env.sh"
              + " (installs Debian's postgresql package) or set BERTH_PG_BIN"));
    } catch (IOException e) {
      throw new IllegalStateException("PostgreSQL is not installed (" + root + " missing): run scripts/test-env.sh"
          + " (installs Debian's postgresql package) or set BERTH_PG_BIN", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
