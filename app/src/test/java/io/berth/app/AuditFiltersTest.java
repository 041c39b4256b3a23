package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code berth audit export/tail} read --since/--until with the same parser as chat and the console. */
class AuditFiltersTest {
  @Test
  void sinceTakesWhatChatTakes() {
    AuditCommand.Filters f = new AuditCommand.Filters();
    f.since = "1h30m";
    f.until = "1767225600";
    Instant from = f.toFilter().from();
    assertThat(Duration.between(from, Instant.now())).isBetween(Duration.ofMinutes(89), Duration.ofMinutes(91));
    assertThat(f.toFilter().to()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aBadTimeNamesTheFlagAndTheForms() {
    AuditCommand.Filters f = new AuditCommand.Filters();
    f.since = "yesterday";
    assertThatThrownBy(f::toFilter).hasMessageContaining("bad --since \"yesterday\"; use a duration (45s, 10m, 1h30m)");
  }

  @Test
  void everyOutcomeTheTrailRecordsIsAFilterAndTheHelpListsThem() {
    for (io.berth.core.audit.AuditOutcome o : io.berth.core.audit.AuditOutcome.values()) {
      AuditCommand.Filters f = new AuditCommand.Filters();
      f.outcome = o.id();
      assertThat(f.toFilter().outcome()).isEqualTo(o);
    }
    AuditCommand.Filters bad = new AuditCommand.Filters();
    bad.outcome = "approve";
    assertThatThrownBy(bad::toFilter).hasMessageContaining("unknown outcome \"approve\"")
        .hasMessageContaining("approval_requested, approved, rejected, expired");
    String usage = BerthCommand.commandLine("audit").getSubcommands().get("audit").getSubcommands().get("export")
        .getUsageMessage().replaceAll("\\s+", " ");
    assertThat(usage).contains("requested, succeeded, failed, denied, confirmation_required, interrupted, "
        + "approval_requested, approved, rejected, expired");
  }
}
