package io.berth.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The v1 record hash must stay byte-for-byte what every existing trail was written with. */
class AuditRowHashTest {
  @Test
  void theV1HashIsUnchanged() {
    // expected value computed independently (python hashlib) from the format in docs/audit.md
    AuditRow row = new AuditRow(7, "req-1", 1764500000123L, "succeeded", "alice", "slack", "U1", "Alice \u00c4", null,
        "run -e X=*** busybox", "run", "web", "ok\nline2", 42L, null, AuditRow.GENESIS, null);
    assertThat(row.computeHash()).isEqualTo("b1fdb220e91333a8703f65c50e678842d3735c6bf5f7ab08848bb67edfe381e3");
  }

  /** A record with a context hashes as v2 (computed independently, python hashlib): its tag and the context field. */
  @Test
  void aRecordWithAContextHashesAsV2AndClearingTheContextChangesTheHash() {
    AuditRow row = new AuditRow(7, "req-1", 1764500000123L, "succeeded", "alice", "slack", "U1", "Alice \u00c4", null,
        "run -e X=*** busybox", "run", "web", "ok\nline2", 42L, "prod", AuditRow.GENESIS, null);
    assertThat(row.computeHash()).isEqualTo("46bb6239f22b2835a575c51630ecc090f068af12c45245e7c9b320d33887cc89");
    AuditRow cleared = new AuditRow(7, "req-1", 1764500000123L, "succeeded", "alice", "slack", "U1", "Alice \u00c4",
        null, "run -e X=*** busybox", "run", "web", "ok\nline2", 42L, null, AuditRow.GENESIS, null);
    assertThat(cleared.computeHash()).isNotEqualTo(row.computeHash())
        .isEqualTo("b1fdb220e91333a8703f65c50e678842d3735c6bf5f7ab08848bb67edfe381e3");
  }

  /**
   * The writer thread hashes every record of every group commit, so the hash is on the serial path of
   * all appends: it must not cost a digest lookup and a string per field (it did: ~2.5 KB per record).
   * What remains per record is the digest's output and its hex string.
   */
  @Test
  void hashingARecordAllocatesOnlyItsResult() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    AuditRow row = new AuditRow(123_456, "req-0123456789", 1764500000123L, "succeeded", "alice", "slack", "U0123",
        "Alice", "#ops", "run -e X=*** busybox", "run", "web-frontend-1", "started", 42L, "prod", AuditRow.GENESIS, null);
    String expected = row.computeHash();
    for (int i = 0; i < 20_000; i++) assertThat(row.computeHash()).isEqualTo(expected); // JIT
    long tid = Thread.currentThread().getId();
    int n = 10_000;
    long before = threads.getThreadAllocatedBytes(tid);
    for (int i = 0; i < n; i++) row.computeHash();
    long perHash = (threads.getThreadAllocatedBytes(tid) - before) / n;
    assertThat(perHash).as("bytes allocated per hash").isLessThan(400);
  }
}
