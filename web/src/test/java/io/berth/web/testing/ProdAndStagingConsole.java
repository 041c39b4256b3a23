package io.berth.web.testing;

import io.berth.core.testing.RecordingContainerEngine;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A console over two contexts, {@code prod} (the default) and {@code staging}, each with a container named
 * {@code web} ({@code aaa111} in prod, {@code bbb222} in staging: one name, two containers), and an admin signed in.
 * A test adds the containers it needs with {@code staging.with(…)} in its own field initializers; each test gets a
 * fresh console, closed after it.
 */
public abstract class ProdAndStagingConsole {
  protected final RecordingContainerEngine prod = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());
  protected final RecordingContainerEngine staging = new RecordingContainerEngine().with("bbb222", "web", "running", Map.of());
  protected ConsoleFixture fx;
  protected WebClient c;

  @BeforeEach
  void startConsole() {
    fx = ConsoleFixture.prodAndStaging(prod, staging);
    c = new WebClient(fx.base());
    c.login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
  }

  @AfterEach
  void stopConsole() {
    fx.close();
  }
}
