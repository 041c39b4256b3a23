package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.approval.ApprovalRequest;
import io.berth.core.approval.InMemoryApprovalStore;
import io.berth.core.approval.SharedApprovalStore;
import io.berth.core.audit.CheckpointSigner;
import io.berth.core.config.BerthConfig;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.BerthUser;
import io.berth.core.testing.PostgresCluster;
import io.berth.core.testing.PostgresForClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's wiring: replicas on one PostgreSQL with one signing key share approval requests (sealed, so a
 * replica with another key sees none); a Berth on SQLite keeps them in its memory.
 */
class ReplicasApprovalsIT {
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();

  @TempDir Path dir;

  private static CheckpointSigner signer() throws Exception {
    return new CheckpointSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
  }

  @Test
  void replicasOnPostgresShareApprovalRequestsUnderTheirSigningKey() throws Exception {
    String database = postgres.cluster().createDatabase();
    Path password = dir.resolve("pg-password");
    Files.writeString(password, postgres.cluster().password() + "\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    BerthConfig config = ConfigLoader.parse("""
        data:
          dir: %s
        audit:
          store: postgres
          postgres:
            url: "%s"
            user: %s
            password: { file: %s }
        """.formatted(dir.resolve("data"), postgres.cluster().url(database), PostgresCluster.USER, password), Map.of());
    // the audit store creates the schema (shared_entry) when it opens, as BerthRuntime does before Replicas
    io.berth.core.adapter.postgres.PostgresAuditTrail.open(BerthRuntime.postgres(config, false), postgres.cluster().password()).close();
    CheckpointSigner shared = signer();
    Clock clock = Clock.systemUTC();
    ApprovalRequest r = new ApprovalRequest(UUID.randomUUID().toString(), new BerthUser("otto", "operator"), null,
        new PicocliCommandLanguage().parse("run -e PASSWORD=hunter2 busybox"), "run -e PASSWORD=*** busybox", "",
        "rule", List.of("admin"), 1, Instant.now(), Instant.now().plusSeconds(600), List.of(),
        ApprovalRequest.State.PENDING, null, null, 0);

    try (Replicas a = Replicas.of(config, shared); Replicas b = Replicas.of(config, shared);
        Replicas stranger = Replicas.of(config, signer())) {
      assertThat(a.approvals(clock)).isInstanceOf(SharedApprovalStore.class);
      a.approvals(clock).add(r);
      assertThat(b.approvals(clock).find(r.id())).contains(r);
      assertThat(b.approvals(clock).replace(r, r.approvedBy("ada"))).isTrue();
      assertThat(a.approvals(clock).find(r.id()).orElseThrow().state()).isEqualTo(ApprovalRequest.State.RUNNING);
      assertThat(stranger.approvals(clock).find(r.id())).as("another signing key").isEmpty();
    }
  }

  @Test
  void aBerthOnSqliteKeepsThemInMemory() throws Exception {
    BerthConfig config = ConfigLoader.parse("data:\n  dir: %s\n".formatted(dir.resolve("data")), Map.of());
    try (Replicas alone = Replicas.of(config, signer())) {
      assertThat(alone.approvals(Clock.systemUTC())).isInstanceOf(InMemoryApprovalStore.class);
    }
  }
}
