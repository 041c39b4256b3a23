package io.berth.web;

import io.berth.core.testing.TestEngine;
import io.berth.web.testing.ConsoleFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebugServeIT {
  @Test
  void serve() throws Exception {
    try (TestEngine docker = new TestEngine("web-dbg"); ConsoleFixture fx = new ConsoleFixture(docker.engine())) {
      Files.writeString(Path.of("/tmp/berth-dbg-url"), fx.base());
      Thread.sleep(240_000);
    }
  }
}
