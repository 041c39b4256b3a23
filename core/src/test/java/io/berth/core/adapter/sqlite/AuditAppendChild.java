package io.berth.core.adapter.sqlite;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.model.Source;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process for {@link CrashDurabilityTest}: appends from several threads until killed and
 * prints {@code ACK <request id>} only after append has returned (the record is durable).
 * Waits for a line on stdin before it opens the file, so the next child's JVM can start while the
 * previous round runs. Args: FILE ROUND THREADS.
 */
public final class AuditAppendChild {
  private AuditAppendChild() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String round = args[1];
    int threads = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    // Started ahead of its round: touch the file only when the test says go.
    String go = new java.io.BufferedReader(
        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
    if (go == null) return; // the test went away before this round: never write unsupervised
    SqliteAuditTrail trail = SqliteAuditTrail.open(file);
    out.println("READY");
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread writer = new Thread(() -> {
        for (long i = 0; ; i++) {
          String id = round + "-" + thread + "-" + i;
          trail.append(new AuditEntry(id, Instant.now(), i % 2 == 0 ? AuditOutcome.REQUESTED : AuditOutcome.SUCCEEDED,
              "child", Source.CLI, "pid" + ProcessHandle.current().pid(), "child writer", "local",
              "stop web-" + i, "stop", "web-" + i, null, null));
          synchronized (out) {
            out.println("ACK " + id);
          }
        }
      });
      writer.start();
    }
    Thread.currentThread().join(); // runs until SIGKILL
  }
}
