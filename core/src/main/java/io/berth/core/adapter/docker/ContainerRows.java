package io.berth.core.adapter.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps one row of the engine's container list to a {@link ContainerSummary}, formatted like {@code docker ps}. */
final class ContainerRows {
  private ContainerRows() {}

  static ContainerSummary summary(Container c) {
    return new ContainerSummary(
        c.getId(),
        name(c.getNames()),
        c.getImage() == null ? "" : c.getImage(),
        c.getState() == null ? "" : c.getState(),
        c.getStatus() == null ? "" : c.getStatus(),
        ports(c.getPorts()),
        c.getCreated() == null ? Instant.EPOCH : Instant.ofEpochSecond(c.getCreated()),
        c.getLabels() == null ? Map.of() : c.getLabels(),
        c.getCommand(),
        c.getImageId(),
        c.getSizeRw(),
        c.getSizeRootFs(),
        mounts(c),
        networks(c));
  }

  private static List<ContainerSummary.Mount> mounts(Container c) {
    if (c.getMounts() == null) return List.of();
    return c.getMounts().stream().map(m -> new ContainerSummary.Mount(m.getName(), m.getSource(), m.getDriver())).toList();
  }

  /** The networks by name, sorted (docker's CLI walks a Go map: its order changes from call to call). */
  private static List<String> networks(Container c) {
    if (c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null) return List.of();
    return c.getNetworkSettings().getNetworks().keySet().stream().sorted().toList();
  }

  /** The engine lists names with a leading slash; docker ps shows the first without it. */
  static String name(String[] names) {
    if (names == null || names.length == 0) return "";
    return stripSlash(names[0]);
  }

  static String stripSlash(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** {@code 127.0.0.1:8080->80/tcp} for published ports, {@code 80/tcp} for exposed ones. */
  static List<String> ports(ContainerPort[] ports) {
    if (ports == null) return List.of();
    Set<String> out = new LinkedHashSet<>();
    List<ContainerPort> sorted = new ArrayList<>(List.of(ports));
    sorted.sort((a, b) -> Integer.compare(orZero(a.getPrivatePort()), orZero(b.getPrivatePort())));
    for (ContainerPort p : sorted) {
      String proto = p.getType() == null ? "tcp" : p.getType();
      String inner = orZero(p.getPrivatePort()) + "/" + proto;
      if (p.getPublicPort() != null && p.getPublicPort() > 0) {
        String ip = p.getIp() == null || p.getIp().isEmpty() ? "0.0.0.0" : p.getIp();
        out.add(ip + ":" + p.getPublicPort() + "->" + inner);
      } else {
        out.add(inner);
      }
    }
    return List.copyOf(out);
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
