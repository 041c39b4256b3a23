package io.berth.core.engine;

import io.berth.core.testing.RecordingContainerEngine;
import java.util.List;

/** The core's engine fake is held to the engine contract, so what the service tests learn from it holds on docker. */
class RecordingContainerEngineContractTest extends ContainerEngineContract {
  final RecordingContainerEngine engine = new RecordingContainerEngine();

  @Override
  protected ContainerEngine engine() {
    return engine;
  }

  @Override
  protected String uniqueName(String suffix) {
    return "contract-" + suffix;
  }

  @Override
  protected String containerThatPrinted(String name, List<String> out, List<String> err) {
    return engine.printed(name, out, err);
  }
}
