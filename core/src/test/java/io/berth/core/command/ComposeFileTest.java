package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compose subset of stack deploy: what it reads, and every other key refused by its path. */
class ComposeFileTest {
  static final String TWO = """
      version: "3.8"
      services:
        web:
          image: nginx:1.25
          command: nginx -g "daemon off;"
          environment:
            MODE: web
            WORKERS: 4
          ports: ["8080:80", 9090]
          labels: [tier=front]
          deploy:
            replicas: 3
            update_config: { parallelism: 2, delay: 5s }
            restart_policy: { condition: on-failure }
        api:
          image: busybox
          command: [sleep, "3600"]
          environment: [A=1]
          networks: [back]
      networks:
        back:
          driver: overlay
      """;

  @Test
  void theSubsetBecomesServicesNamedAndLabelledForTheStack() {
    ComposeFile f = ComposeFile.parse(TWO);
    List<ServiceDefinition> d = f.definitions("shop");
    assertThat(d).extracting(ServiceDefinition::name).containsExactly("shop_api", "shop_web");
    ServiceDefinition api = d.get(0);
    assertThat(api.args()).containsExactly("sleep", "3600");
    assertThat(api.networks()).containsExactly("shop_back");
    assertThat(api.labels()).containsEntry(Swarm.STACK_LABEL, "shop").containsEntry("com.docker.stack.image", "busybox");
    ServiceDefinition web = d.get(1);
    assertThat(web.args()).containsExactly("nginx", "-g", "daemon off;");
    assertThat(web.env()).extracting(e -> e.key() + "=" + e.value()).containsExactly("MODE=web", "WORKERS=4");
    assertThat(web.ports()).extracting(p -> p.hostPort() + ":" + p.containerPort()).containsExactly("8080:80", "null:9090");
    assertThat(web.containerLabels()).containsEntry("tier", "front").containsEntry(Swarm.STACK_LABEL, "shop");
    assertThat(web.networks()).containsExactly("shop_default");
    assertThat(web.replicas()).isEqualTo(3);
    assertThat(web.updateParallelism()).isEqualTo(2);
    assertThat(web.updateDelay()).hasSeconds(5);
    assertThat(web.restartCondition()).isEqualTo("on-failure");
    assertThat(f.networksUsed()).containsExactly("back", "default");
  }

  @Test
  void anyOtherKeyIsRefusedByName() {
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    build: .\n"))
        .hasMessage("services.web.build is not supported by stack deploy in Berth");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    deploy:\n      resources: {}\n"))
        .hasMessage("services.web.deploy.resources is not supported by stack deploy in Berth");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\nvolumes:\n  data: {}\n"))
        .hasMessage("volumes is not supported by stack deploy in Berth");
    assertThatThrownBy(() -> ComposeFile.parse(
        "services:\n  web:\n    image: busybox\n    deploy:\n      update_config: { order: start-first }\n"))
        .hasMessage("services.web.deploy.update_config.order is not supported by stack deploy in Berth");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    networks:\n      back: { aliases: [x] }\nnetworks:\n  back: {}\n")
        .definitions("s")).hasMessage("services.web.networks.back settings are not supported by stack deploy in Berth");
  }

  @Test
  void badValuesSayWhere() {
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    networks: [nope]\n").networksUsed())
        .hasMessage("services.web.networks: network nope is not declared under networks");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\nnetworks:\n  n:\n    driver: bridge\n"))
        .hasMessageContaining("networks.n.driver");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    ports: [\"1.2.3.4:80:80\"]\n").definitions("s"))
        .hasMessageContaining("drop the address");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    environment: [SECRET]\n").definitions("s"))
        .hasMessageContaining("services.web.environment");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    command: x\n").definitions("s"))
        .hasMessage("services.web.image is required");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n    deploy: { replicas: many }\n"))
        .hasMessageContaining("services.web.deploy.replicas");
    assertThatThrownBy(() -> ComposeFile.parse("services: {}\n")).hasMessage("compose file has no services");
    assertThatThrownBy(() -> ComposeFile.parse("services:\n  web:\n    image: busybox\n").definitions("bad.stack"))
        .hasMessageContaining("invalid service name");
  }
}
