package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ContainerPort;
import org.junit.jupiter.api.Test;

class ContainerRowsTest {
  @Test
  void publishedPortsAreFormattedLikeDockerPs() {
    ContainerPort published = new ContainerPort().withIp("127.0.0.1").withPublicPort(8080).withPrivatePort(80).withType("tcp");
    ContainerPort exposed = new ContainerPort().withPrivatePort(53).withType("udp");
    assertThat(ContainerRows.ports(new ContainerPort[] {published, exposed}))
        .containsExactly("53/udp", "127.0.0.1:8080->80/tcp");
  }

  @Test
  void duplicatePortRowsAreShownOnce() {
    ContainerPort a = new ContainerPort().withIp("0.0.0.0").withPublicPort(8080).withPrivatePort(80).withType("tcp");
    ContainerPort b = new ContainerPort().withIp("0.0.0.0").withPublicPort(8080).withPrivatePort(80).withType("tcp");
    assertThat(ContainerRows.ports(new ContainerPort[] {a, b})).containsExactly("0.0.0.0:8080->80/tcp");
  }

  @Test
  void nameLosesTheEnginesLeadingSlash() {
    assertThat(ContainerRows.name(new String[] {"/web"})).isEqualTo("web");
    assertThat(ContainerRows.name(null)).isEmpty();
  }
}
