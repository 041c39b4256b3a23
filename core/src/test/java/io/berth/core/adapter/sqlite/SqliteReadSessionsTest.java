package io.berth.core.adapter.sqlite;

import io.berth.core.adapter.jdbc.OneReadPerPage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadSessionsTest {
  @TempDir Path dir;

  @Test
  void aFoldedPageOpensOneConnectionWhateverItsFilterAndCursor() throws Exception {
    OneReadPerPage.check(SqliteAuditTrail.open(dir.resolve("audit.db")));
  }
}
