package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.result.ContainerSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerRowsTest {
  /** One row as dockerd 20.10 answers GET /containers/json?all=1&size=1 (fields as the Engine API names them). */
  private static final String ROW = """
      [{"Id":"4f0c3e8a9b1d","Names":["/web","/other/web"],"Image":"nginx:1.25","ImageID":"sha256:abc",
        "Command":"nginx -g 'daemon off;'","Created":1700000000,
        "Ports":[{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},{"PrivatePort":53,"Type":"udp"},
                 {"IP":"::","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}],
        "SizeRw":12,"SizeRootFs":1234,"Labels":{"berth.test":"true","empty":""},"State":"running","Status":"Up 2 hours",
        "HostConfig":{"NetworkMode":"default"},
        "NetworkSettings":{"Networks":{"zeta":{"IPAddress":"172.18.0.2"},"bridge":{"IPAddress":"172.17.0.2","Aliases":null}}},
        "Mounts":[{"Type":"volume","Name":"data","Source":"/var/lib/docker/volumes/data/_data","Destination":"/data",
                   "Driver":"local","Mode":"z","RW":true,"Propagation":""}]}]
      """;

  private static List<ContainerRows.Row> read(String json) throws IOException {
    return ContainerRows.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRowOfTheEnginesListBecomesTheSummaryDockerPsShows() throws IOException {
    ContainerRows.Row row = read(ROW).get(0);
    ContainerSummary s = row.summary();
    assertThat(s.id()).isEqualTo("4f0c3e8a9b1d");
    assertThat(s.name()).isEqualTo("web");
    assertThat(row.names()).containsExactly("/web", "/other/web");
    assertThat(s.image()).isEqualTo("nginx:1.25");
    assertThat(s.imageId()).isEqualTo("sha256:abc");
    assertThat(s.command()).isEqualTo("nginx -g 'daemon off;'");
    assertThat(s.created()).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(s.state()).isEqualTo("running");
    assertThat(s.status()).isEqualTo("Up 2 hours");
    assertThat(s.labels()).isEqualTo(Map.of("berth.test", "true", "empty", ""));
    assertThat(s.sizeRw()).isEqualTo(12L);
    assertThat(s.sizeRootFs()).isEqualTo(1234L);
    assertThat(s.mounts()).containsExactly(new ContainerSummary.Mount("data", "/var/lib/docker/volumes/data/_data", "local"));
    assertThat(s.networks()).containsExactly("bridge", "zeta");
  }

  @Test
  void publishedPortsAreFormattedLikeDockerPsAndDuplicatesShownOnce() throws IOException {
    assertThat(read(ROW).get(0).summary().ports())
        .containsExactly("53/udp", "127.0.0.1:8080->80/tcp", ":::8080->80/tcp");
  }

  @Test
  void fieldsTheEngineLeavesOutOrSetToNullAreEmptyNotErrors() throws IOException {
    ContainerSummary s = read("[{\"Id\":\"a1\",\"Names\":null,\"Labels\":null,\"Ports\":null,\"Mounts\":null,"
        + "\"NetworkSettings\":null,\"Created\":null}]").get(0).summary();
    assertThat(s.name()).isEmpty();
    assertThat(s.labels()).isEmpty();
    assertThat(s.ports()).isEmpty();
    assertThat(s.mounts()).isEmpty();
    assertThat(s.networks()).isEmpty();
    assertThat(s.created()).isEqualTo(Instant.EPOCH);
    assertThat(s.sizeRw()).isNull();
    assertThat(read("[]")).isEmpty();
  }

  @Test
  void aTruncatedAnswerIsAnErrorNotAShorterList() {
    assertThatThrownBy(() -> read("[{\"Id\":\"a1\"},{\"Id\":")).isInstanceOf(IOException.class);
  }
}
