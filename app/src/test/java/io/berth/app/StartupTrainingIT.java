package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive's training covers {@code serve} (the image's command) as far as a signed-in console:
 * a training that stopped at the login page would leave the console's classes to load on every start.
 */
class StartupTrainingIT {
  @TempDir Path dir;

  @Test
  void servesAndSignsInToTheContainerList() throws Exception {
    assertThat(StartupTraining.serve(dir)).isTrue();
  }
}
