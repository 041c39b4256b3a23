package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.language.PicocliCommandLanguage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests survive JSON unchanged (what a replica stores for a confirmation pressed on another). */
class RequestJsonTest {
  private final PicocliCommandLanguage language = new PicocliCommandLanguage();

  @Test
  void everyCatalogProbeRoundTrips() {
    for (CommandSpec<?> spec : Catalog.specs()) {
      DockerRequest probe = spec.probe();
      assertThat(RequestJson.read(RequestJson.write(probe))).as(spec.type().getSimpleName()).isEqualTo(probe);
    }
  }

  @Test
  void richRequestsRoundTripSecretsIncluded() {
    for (String text : List.of(
        "run -d --name web -p 127.0.0.1:8080:80/tcp -e DB_PASSWORD=hunter2 -l team=pay -v data:/data:ro"
            + " --restart on-failure:3 --memory 256m --cpus 1.5 --health-cmd 'wget -q localhost' --health-interval 10s"
            + " --network container:db busybox sh -c 'echo hi'",
        "rm -f -v a b c", "kill -s HUP web", "stop -t 3 web", "container prune -f --filter until=1h --filter label=a=b",
        "image prune -a -f", "logs --tail 20 --since 10m -t web", "exec -e TOKEN=s3cr3t -u 1000 -w /tmp web ls -l",
        "events --since 1h --until 10m --filter type=container", "network rm n1 n2", "volume rm -f v1",
        "rmi -f busybox:latest", "rename web web2", "tag busybox localhost:5000/busybox:v1", "pull busybox")) {
      DockerRequest parsed = language.parse(text);
      assertThat(RequestJson.read(RequestJson.write(parsed))).as(text).isEqualTo(parsed);
    }
  }

  @Test
  void aTypeOutsideTheCatalogIsRefused() {
    var node = RequestJson.mapper().createObjectNode().put("type", "Runtime");
    assertThatThrownBy(() -> RequestJson.read(node)).hasMessageContaining("not a request type: Runtime");
  }
}
