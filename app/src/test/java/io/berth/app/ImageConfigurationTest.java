package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.config.BerthConfig;
import io.berth.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The container image's configuration (deploy/berth.yml, /etc/berth/berth.yml in the image) against what the image
 * and the compose file assume: the HEALTHCHECK and the published port reach the server, and everything Berth writes
 * is on the one writable volume, /data.
 */
class ImageConfigurationTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent(); // surefire runs in app/

  @Test
  void theImagesConfigurationListensWhereTheHealthCheckAndComposeLookAndWritesOnlyUnderData() throws Exception {
    BerthConfig cfg = ConfigLoader.load(ROOT.resolve("deploy/berth.yml"), Map.of());
    assertThat(cfg.server().host()).as("reachable through a published port").isEqualTo("0.0.0.0");
    int port = cfg.server().port();
    assertThat(Files.readString(ROOT.resolve("scripts/image.sh")))
        .as("the HEALTHCHECK asks the configured port").contains("http://127.0.0.1:" + port + "/healthz")
        .contains("EXPOSE " + port);
    assertThat(Files.readString(ROOT.resolve("deploy/compose.yml"))).contains(":" + port + "\"");

    Path data = Path.of("/data");
    assertThat(cfg.data().dir()).isEqualTo(data);
    assertThat(cfg.web().sessionKey().file()).hasValueSatisfying(f -> assertThat(f).startsWithRaw(data));
    assertThat(cfg.audit().signingKeyFile(cfg.data())).startsWithRaw(data);
    assertThat(cfg.build().roots()).allSatisfy(r -> assertThat(r).startsWithRaw(data));
  }
}
