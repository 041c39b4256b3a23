package io.berth.core.adapter.postgres;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.CheckpointingAuditTrail;
import io.berth.core.audit.SigningKeys;
import io.berth.core.model.Source;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Berth process for {@link PostgresCrashIT}: the store as Berth wires it (PostgreSQL under
 * signed checkpoints every 25 records), appending from several threads until killed; prints
 * {@code ACK <request id>} only after append returned (the record is durable). The password and the
 * signing key come from the environment, as in production. Args: URL USER ROUND THREADS KEYFILE.
 */
public final class PostgresAppendChild {
  private PostgresAppendChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String round = args[2];
    int threads = Integer.parseInt(args[3]);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    var signing = SigningKeys.loadOrCreate(System.getenv(), Path.of(args[4]), line -> {});
    AuditTrail trail = new CheckpointingAuditTrail(
        PostgresAuditTrail.open(PostgresAuditTrail.Settings.of(url, user), System.getenv("BERTH_AUDIT_PG_PASSWORD")),
        signing.signer(), List.of(), new CheckpointingAuditTrail.Cadence(25, Duration.ofSeconds(60)));
    String pid = "pid" + ProcessHandle.current().pid();
    out.println("READY");
    for (int t = 0; t < threads; t++) {
      int thread = t;
      new Thread(() -> {
        for (long i = 0; ; i++) {
          String id = round + "-" + thread + "-" + i;
          trail.append(new AuditEntry(id, Instant.now(), i % 2 == 0 ? AuditOutcome.REQUESTED : AuditOutcome.SUCCEEDED,
              "child", Source.CLI, pid, "child writer", "local", "stop web-" + i, "stop", "web-" + i, null, null));
          synchronized (out) {
            out.println("ACK " + id);
          }
        }
      }).start();
    }
    Thread.currentThread().join(); // runs until SIGKILL
  }
}
