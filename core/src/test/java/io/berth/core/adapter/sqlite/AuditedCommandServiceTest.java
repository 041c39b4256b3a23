package io.berth.core.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.command.Run;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerList;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.PermissiveTestPolicy;
import io.berth.core.testing.RecordingContainerEngine;
import io.berth.core.testing.SimpleTestLanguage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's write-ahead audit on the real SQLite trail: fail closed, and no secret stored. */
class AuditedCommandServiceTest {
  private static final Caller ALICE = new Caller(Source.SLACK, "alice", "Alice", Location.channel("T1", "C1"));

  @TempDir Path dir;

  private CommandService service(SqliteAuditTrail trail, RecordingContainerEngine engine) {
    return new CommandService(new SimpleTestLanguage(), new PermissiveTestPolicy(), trail, engine,
        CoreLimits.DEFAULTS, Clock.systemUTC());
  }

  @Test
  void withAReadOnlyAuditFileMutatingCommandsAreRefusedAndReadOnlyOnesStillAnswer() throws Exception {
    Path file = dir.resolve("audit.db");
    SqliteAuditTrail.open(file).close();
    RecordingContainerEngine engine = new RecordingContainerEngine().withRunning("web");
    try (ReadOnlyFiles locked = ReadOnlyFiles.lock(file);
        SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      CommandService core = service(trail, engine);

      Outcome stop = core.submit(ALICE, "stop web", ProgressListener.IGNORE);
      Outcome run = core.submit(ALICE, "run berth-test/busybox:latest echo hi", ProgressListener.IGNORE);
      Outcome ps = core.submit(ALICE, "ps", ProgressListener.IGNORE);

      assertThat(stop).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(Failure.AUDIT_UNAVAILABLE);
        assertThat(f.message()).contains("audit database " + file + " is read-only");
      });
      assertThat(run).isInstanceOfSatisfying(Outcome.Failed.class,
          f -> assertThat(f.kind()).isEqualTo(Failure.AUDIT_UNAVAILABLE));
      assertThat(engine.mutatingCalls()).isEmpty();
      assertThat(ps).isInstanceOfSatisfying(Outcome.Succeeded.class, s -> assertThat(s.result())
          .isInstanceOfSatisfying(ContainerList.class, l -> assertThat(l.containers()).hasSize(1)));
    }
  }

  @Test
  void everyExecutedRequestHasADurableRequestedRecordAndAnEnd() {
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(dir.resolve("audit.db"))) {
      RecordingContainerEngine engine = new RecordingContainerEngine().withRunning("web");
      Outcome stop = service(trail, engine).submit(ALICE, "stop web", ProgressListener.IGNORE);

      assertThat(stop).isInstanceOf(Outcome.Succeeded.class);
      List<AuditRecord> records = trail.query(AuditFilter.ALL, 10);
      assertThat(records).extracting(r -> r.entry().outcome())
          .containsExactly(AuditOutcome.SUCCEEDED, AuditOutcome.REQUESTED);
      assertThat(records).allSatisfy(r -> {
        assertThat(r.entry().requestId()).isEqualTo(stop.requestId());
        assertThat(r.entry().berthUser()).isEqualTo("alice");
        assertThat(r.entry().location()).isEqualTo("T1/C1");
        assertThat(r.entry().action()).isEqualTo("stop");
        assertThat(r.entry().target()).isEqualTo("web");
      });
      assertThat(trail.verify().ok()).isTrue();
    }
  }

  @Test
  void environmentValuesOfRunNeverReachTheAuditFile() throws Exception {
    Path file = dir.resolve("audit.db");
    try (SqliteAuditTrail trail = SqliteAuditTrail.open(file)) {
      CommandService core = service(trail, new RecordingContainerEngine());
      Outcome typed = core.submit(ALICE, "run -e PASSWORD=hunter2 berth-test/busybox:latest env", ProgressListener.IGNORE);
      Run button = new Run("berth-test/busybox:latest", null, true, List.of(),
          List.of(new Run.EnvVar("PASSWORD", "hunter2")), Map.of(), List.of(), "no", false, List.of(), null);
      Outcome built = core.execute(ALICE, button, null, ProgressListener.IGNORE);

      assertThat(typed).isInstanceOf(Outcome.Succeeded.class);
      assertThat(built).isInstanceOf(Outcome.Succeeded.class);
      List<AuditRecord> records = trail.query(AuditFilter.ALL, 10);
      assertThat(records).hasSize(4).allSatisfy(r -> {
        assertThat(r.entry().commandText()).doesNotContain("hunter2").contains("PASSWORD=***");
        assertThat(String.valueOf(r.entry().message())).doesNotContain("hunter2");
      });
    }
    // Not in any byte of the database, its WAL or its shared-memory file either.
    // (every regular file below the directory: opening SQLite may also keep its native library there)
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain("hunter2");
      }
    }
  }
}
