package io.berth.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.Catalog;
import org.junit.jupiter.api.Test;

class RequestContextTest {
  @Test
  void theConsoleOffersEveryCommandOfTheCatalog() {
    assertThat(RequestContext.ACTIONS).isEqualTo(Catalog.names());
  }
}
