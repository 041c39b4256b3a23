package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.testing.PostgresCluster;
import io.berth.core.testing.PostgresForClass;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit.store: postgres} end to end through the launcher: commands, exports and verify all go
 * to the PostgreSQL database (a throw-away cluster), the password comes from a file, and no SQLite
 * file appears.
 */
class PostgresAuditStoreIT {
  @RegisterExtension static final PostgresForClass postgres = new PostgresForClass();

  @TempDir Path dir;

  private static AuditCommandIT.Result berth(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new AuditCommandIT.Result(code, out.toString(), err.toString());
  }

  @Test
  void commandsExportsAndVerifyUseThePostgresStore() throws Exception {
    String database = postgres.cluster().createDatabase();
    Path data = dir.resolve("data");
    Path password = dir.resolve("pg-password");
    Files.writeString(password, postgres.cluster().password() + "\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    Path config = dir.resolve("berth.yml");
    Files.writeString(config, """
        data:
          dir: %s
        audit:
          store: postgres
          postgres:
            url: "%s"
            user: %s
            password: { file: %s }
        """.formatted(data, postgres.cluster().url(database), PostgresCluster.USER, password));

    for (int i = 0; i < 2; i++) {
      AuditCommandIT.Result ps = berth("docker", "--config", config.toString(), "ps");
      assertThat(ps.code()).as(ps.err()).isZero();
    }
    AuditCommandIT.Result export = berth("audit", "export", "--config", config.toString(), "--format", "csv");
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out().lines().filter(l -> l.contains(",ps,"))).hasSize(2); // one line per command, twice
    AuditCommandIT.Result verify = berth("audit", "verify", "--config", config.toString());
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();

    assertThat(data.resolve("audit.db")).doesNotExist();
    try (Connection c = postgres.cluster().connect(database); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM audit WHERE action = 'ps'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(4);
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM checkpoint")) {
        rs.next();
        assertThat(rs.getInt(1)).as("a checkpoint at each clean exit").isGreaterThanOrEqualTo(2);
      }
    }
  }
}
