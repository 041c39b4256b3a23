package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.ExportFormat;
import io.berth.core.config.PolicySettings;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.Outcome;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's additions to the core: what controls to show, and the audited export. */
class ConsolePermissionsTest {
  private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  private final CommandService service = new CommandService(new PicocliCommandLanguage(), new ConfiguredPolicy(
      new PolicySettings(Map.of(), Map.of(
          "vic", new PolicySettings.User("viewer", Map.of("slack", List.of("U1")), null, PolicySettings.Scope.NONE),
          "ops", new PolicySettings.User("operator", Map.of("slack", List.of("U2")), null, PolicySettings.Scope.NONE)),
          PolicySettings.Channels.DEFAULTS, PolicySettings.RunGuards.DEFAULTS, PolicySettings.Confirm.DEFAULTS)),
      audit, new RecordingContainerEngine(), CoreLimits.DEFAULTS, Clock.systemUTC());

  private static Caller slack(String id) {
    return new Caller(Source.SLACK, id, id, Location.channel("T1", "C1"));
  }

  @Test
  void permitsFollowsTheRoleAndKnowsNoOneUnknown() {
    assertThat(service.permits(slack("U1"), "ps")).isTrue();
    assertThat(service.permits(slack("U1"), "stop")).isFalse();
    assertThat(service.permits(slack("U2"), "stop")).isTrue();
    assertThat(service.permits(slack("U2"), "rm")).isFalse();
    assertThat(service.permits(slack("U9"), "ps")).isFalse();
    assertThat(service.permits(slack("U2"), "no-such-action")).isFalse();
    assertThat(audit.entries()).isEmpty(); // asking what to show is not an attempt
  }

  @Test
  void exportByAnUnknownIdentityIsDeniedAndAudited() {
    StringWriter out = new StringWriter();
    Outcome o = service.exportAudit(slack("U9"), AuditFilter.ALL, ExportFormat.CSV, out);
    assertThat(o).isInstanceOf(Outcome.Denied.class);
    assertThat(out.toString()).isEmpty();
    assertThat(audit.entries()).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
      assertThat(e.action()).isEqualTo("audit");
    });
  }
}
