package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.Outcome;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code image prune}: admin, confirmed, docker's filters, refused to a caller with a limited scope. */
class ImagePruneTest {
  final CommandFixture f = new CommandFixture();

  @Test
  void parses() {
    assertThat(f.language.parse("image prune -a -f --filter until=24h"))
        .isEqualTo(new ImagePrune(true, true, Instant.parse("2026-11-27T12:00:00Z"), Map.of()));
    assertThat(f.language.describe(new ImagePrune(true, false, null, Map.of("a", "b")))).isEqualTo("image prune -a --filter label=a=b");
  }

  @Test
  void confirmedThenDockersReport() {
    assertThat(f.submit("U_A", "image prune -a")).isInstanceOf(Outcome.ConfirmationRequired.class);
    Outcome o = f.confirmed("U_A", "image prune -a --filter until=24h --filter label=a=b");
    assertThat(f.render(o)).isEqualTo("Deleted Images:\ndeleted: sha256:fake\n\nTotal reclaimed space: 1.00kB\n");
    assertThat(f.engine.mutatingCalls()).containsExactly(
        "image prune all=true {until=[" + Instant.parse("2026-11-27T12:00:00Z").getEpochSecond() + "], label=[a=b]}");
  }

  @Test
  void aScopedAdminIsRefused() {
    assertThat(f.confirmed("U_S", "image prune")).isInstanceOfSatisfying(Outcome.Failed.class,
        fl -> assertThat(fl.message()).contains("images serve every scope"));
    assertThat(f.engine.mutatingCalls()).isEmpty();
  }
}
