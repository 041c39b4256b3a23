package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTest {
  @Test
  void everyFrontResourceIsOnTheClassPathSoTheListIsNotStale() {
    for (String name : StartupTraining.FRONT_RESOURCES) {
      if (name.endsWith("/VERSION")) continue; // sqlite-jdbc's fallback when its POM properties are missing
      assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
    }
  }

  @Test
  void theFrontJarHoldsTheResourcesByteForByte(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("front.jar");
    StartupTraining.writeFrontJar(jar);
    List<String> names = new ArrayList<>();
    try (JarFile f = new JarFile(jar.toFile())) {
      f.stream().forEach(e -> names.add(e.getName()));
      for (String name : names) {
        try (InputStream written = f.getInputStream(f.getJarEntry(name));
             InputStream original = getClass().getClassLoader().getResourceAsStream(name)) {
          assertThat(written.readAllBytes()).isEqualTo(original.readAllBytes());
        }
      }
    }
    assertThat(names).contains("META-INF/maven/org.xerial/sqlite-jdbc/pom.properties")
        .isSubsetOf(StartupTraining.FRONT_RESOURCES);
  }

  @Test
  void theTrainingConfigurationLoads() {
    var config = io.berth.core.config.ConfigLoader.parse(StartupTraining.trainingConfig(Path.of("/tmp/x")), java.util.Map.of(),
        io.berth.bot.ChatPlatforms.SETTINGS);
    assertThat(config.data().dir()).isEqualTo(Path.of("/tmp/x"));
  }
}
