package io.berth.core.adapter.docker;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.ContainerEngineContract;
import io.berth.core.testing.TestEngine;
import io.berth.core.testing.Wait;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine contract on the real engine: the behaviour every fake of the port is held to. */
class DockerJavaEngineContractIT extends ContainerEngineContract {
  static TestEngine env;

  @BeforeAll
  static void setUp() {
    env = new TestEngine("contract");
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  @Override
  protected ContainerEngine engine() {
    return env.engine();
  }

  @Override
  protected String uniqueName(String suffix) {
    return env.name(suffix);
  }

  /** busybox's shell prints the lines; the pause keeps stderr's line after stdout's in the log. */
  @Override
  protected String containerThatPrinted(String name, List<String> out, List<String> err) {
    String script = out.stream().map(l -> "echo " + l).collect(Collectors.joining("; ")) + "; sleep 0.3; "
        + err.stream().map(l -> "echo " + l + " >&2").collect(Collectors.joining("; "));
    String id = env.startOutsideBerth(name, "sh", "-c", script);
    Wait.until(() -> env.engine().waitForExit(id, Wait.SOON) == 0);
    return id;
  }
}
