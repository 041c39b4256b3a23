package io.berth.web.testing;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.ContainerEngineContract;
import java.util.List;

/** The console tests' engine fake is held to core's engine contract, as the real adapter is. */
class FakeEngineContractTest extends ContainerEngineContract {
  final FakeEngine engine = new FakeEngine();

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
