package io.berth.core.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditedCommand;
import io.berth.core.audit.CheckpointSigner;
import io.berth.core.audit.CheckpointingAuditTrail;
import io.berth.core.audit.CommandFolding;
import io.berth.core.audit.ExportFormat;
import io.berth.core.model.Source;
import java.io.StringWriter;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The invariant the console's audit page relies on for its speed, checked on each JDBC store: a
 * folded page (two or three reads) borrows one session, whatever its filter and cursor, also when
 * reached through the checkpointing trail the application wires; an export, one per page of commands.
 */
public final class OneReadPerPage {
  private OneReadPerPage() {}

  /** Writes 12 commands into the empty {@code store}, checks, and closes it. */
  public static void check(JdbcAuditTrail store) throws Exception {
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    for (int i = 0; i < 12; i++) {
      String user = i % 2 == 0 ? "bob" : "alice";
      store.append(entry("c" + i, AuditOutcome.REQUESTED, user, t0.plusSeconds(2L * i)));
      store.append(entry("c" + i, AuditOutcome.SUCCEEDED, user, t0.plusSeconds(2L * i + 1)));
    }
    AuditFilter bob = new AuditFilter("bob", null, null, null, null, null, null, null, null);

    CommandFolding.Page first = sessions(store, 1, () -> CommandFolding.page(store, AuditFilter.ALL, 3, e -> true, 1000));
    assertThat(first.commands()).extracting(AuditedCommand::requestId).containsExactly("c11", "c10", "c9");
    // filtered, after a cursor: the rows, the records of their requests, the commands an earlier page listed
    CommandFolding.Page bobs = CommandFolding.page(store, bob, 2, e -> true, 1000);
    CommandFolding.Page next = sessions(store, 1,
        () -> CommandFolding.page(store, bob.before(bobs.nextCursor()), 2, e -> true, 1000));
    assertThat(next.commands()).extracting(AuditedCommand::requestId).containsExactly("c6", "c4");
    assertThat(next.commands().get(0).steps()).hasSize(2);

    StringWriter csv = new StringWriter(); // 12 commands: one export page
    sessions(store, 1, () -> {
      CommandFolding.export(store, AuditFilter.ALL, ExportFormat.CSV, csv, e -> true);
      return null;
    });
    assertThat(csv.toString().lines()).hasSize(13); // header + 12 commands

    var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    try (CheckpointingAuditTrail wired = new CheckpointingAuditTrail(store, new CheckpointSigner(keys.getPrivate()),
        List.of(), new CheckpointingAuditTrail.Cadence(1000, Duration.ofHours(1)))) {
      sessions(store, 1, () -> CommandFolding.page(wired, bob.before(bobs.nextCursor()), 2, e -> true, 1000));
      // nested: a read inside one read uses the same session
      sessions(store, 1, () -> wired.inOneRead(r -> CommandFolding.page(r, bob, 2, e -> true, 1000)));
    }
  }

  private static <T> T sessions(JdbcAuditTrail store, long expected, Supplier<T> work) {
    long before = store.readSessions();
    T result = work.get();
    assertThat(store.readSessions() - before).as("read sessions borrowed").isEqualTo(expected);
    return result;
  }

  private static AuditEntry entry(String id, AuditOutcome outcome, String user, Instant time) {
    return new AuditEntry(id, time, outcome, user, Source.SLACK, "U-" + user, user, "T1/C1", "restart web",
        "restart", "web", outcome == AuditOutcome.REQUESTED ? null : "ok",
        outcome == AuditOutcome.REQUESTED ? null : 5L);
  }

}
