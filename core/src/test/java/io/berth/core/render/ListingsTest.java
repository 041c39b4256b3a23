package io.berth.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ImageSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ps and images as docker prints them (cases p01, p02, p11, p13, g01, g02 of the conformance run). */
class ListingsTest {
  final Instant now = Instant.parse("2026-11-28T12:00:00Z");
  final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  final ContainerSummary fromId = new ContainerSummary("3df60eadb06b0123456789", "conf-ps-b",
      "sha256:8438856142506d6c9ef811c5c9b9798acf9a254b0c68bc9eb51ced855e0dd867", "exited", "Exited (3) 2 minutes ago",
      List.of(), now.minusSeconds(90), Map.of("b", "2", "a", "1"), "sh -c 'exit 3; echo a long tail'", "sha256:8438856142506d");

  @Test
  void defaultTableHasCommandShortImageIdsAndDockersWording() {
    String[] lines = Listings.containers(List.of(fromId), Listings.View.DEFAULT, clock).split("\n");
    assertThat(lines[0]).isEqualTo("CONTAINER ID   IMAGE          COMMAND                  CREATED              STATUS                     PORTS     NAMES");
    assertThat(lines[1]).isEqualTo("3df60eadb06b   843885614250   \"sh -c 'exit 3; echo…\"   About a minute ago   Exited (3) 2 minutes ago             conf-ps-b");
  }

  @Test
  void sizeAddsDockersSizeColumnToTheTable() {
    ContainerSummary sized = new ContainerSummary(fromId.id(), fromId.name(), fromId.image(), fromId.state(), fromId.status(),
        fromId.ports(), fromId.created(), fromId.labels(), fromId.command(), fromId.imageId(), 0L, 1_240_000L);
    String[] lines = Listings.containers(List.of(sized), new Listings.View(false, false, null, true), clock).split("\n");
    assertThat(lines[0]).endsWith("   NAMES       SIZE");
    assertThat(lines[1]).endsWith("   conf-ps-b   0B (virtual 1.24MB)");
    ContainerSummary written = new ContainerSummary(fromId.id(), fromId.name(), fromId.image(), fromId.state(),
        fromId.status(), fromId.ports(), fromId.created(), fromId.labels(), fromId.command(), fromId.imageId(), 2000L, 1_992_000L);
    assertThat(Listings.containers(List.of(written), new Listings.View(false, false, "{{.Names}} {{.Size}}"), clock))
        .isEqualTo("conf-ps-b 2kB (virtual 1.99MB)\n");
    assertThat(Listings.containers(List.of(fromId), new Listings.View(false, false, "{{.Size}}"), clock)).isEqualTo("0B\n");
  }

  /** Case p19: docker's ps JSON has every ContainerContext field, Platform null where the engine names none. */
  @Test
  void jsonHasMountsNetworksLocalVolumesAndPlatformAsDocker() {
    ContainerSummary attached = new ContainerSummary(fromId.id(), fromId.name(), fromId.image(), fromId.state(),
        fromId.status(), fromId.ports(), fromId.created(), Map.of(), fromId.command(), fromId.imageId(), null, null,
        List.of(new ContainerSummary.Mount("5f3ab3bc9883abb09f5b60020afa6d13", "/var/lib/docker/volumes/5f3ab3bc/_data", "local"),
            new ContainerSummary.Mount("", "/tmp", "")),
        List.of("bridge", "conf-net"));
    String json = Listings.containers(List.of(attached), new Listings.View(false, false, "{{json .}}"), clock);
    assertThat(json).contains("\"LocalVolumes\":\"1\",\"Mounts\":\"5f3ab3bc9883ab…,/tmp\",\"Names\":\"conf-ps-b\","
        + "\"Networks\":\"bridge,conf-net\",\"Platform\":null,\"Ports\":\"\"");
    assertThat(Listings.containers(List.of(attached), new Listings.View(false, true, "{{.Mounts}}|{{.Platform}}"), clock))
        .isEqualTo("5f3ab3bc9883abb09f5b60020afa6d13,/tmp|<nil>\n");
    assertThat(Listings.containers(List.of(fromId), new Listings.View(false, false, "table {{.Networks}}\t{{.LocalVolumes}}"), clock))
        .isEqualTo("NETWORKS   LOCAL VOLUMES\n           0\n");
  }

  @Test
  void quietNoTruncAndFormat() {
    assertThat(Listings.containers(List.of(fromId), new Listings.View(true, false, null), clock)).isEqualTo("3df60eadb06b\n");
    assertThat(Listings.containers(List.of(fromId), new Listings.View(true, true, null), clock)).isEqualTo("3df60eadb06b0123456789\n");
    assertThat(Listings.containers(List.of(fromId), new Listings.View(false, false, "{{.Labels}} {{.Label \"a\"}} {{.Command}}"), clock))
        .isEqualTo("a=1,b=2 1 \"sh -c 'exit 3; echo…\"\n");
  }

  @Test
  void imagesDefaultTableQuietAndFormat() {
    ImageSummary img = new ImageSummary("sha256:e5ca25974f97aaaa", List.of("localhost:5000/conf/bb:1", "localhost:5000/conf/bb:2"),
        1_990_000, now.minusSeconds(240));
    assertThat(Listings.images(List.of(img), Listings.View.DEFAULT, clock)).isEqualTo("""
        REPOSITORY              TAG       IMAGE ID       CREATED         SIZE
        localhost:5000/conf/bb  1         e5ca25974f97   4 minutes ago   1.99MB
        localhost:5000/conf/bb  2         e5ca25974f97   4 minutes ago   1.99MB
        """.replace("bb  ", "bb   ").replace("REPOSITORY              ", "REPOSITORY               "));
    assertThat(Listings.images(List.of(img), new Listings.View(true, false, null), clock)).isEqualTo("e5ca25974f97\ne5ca25974f97\n");
    assertThat(Listings.images(List.of(img), new Listings.View(false, false, "{{.Repository}}:{{.Tag}}"), clock))
        .isEqualTo("localhost:5000/conf/bb:1\nlocalhost:5000/conf/bb:2\n");
  }
}
