package io.berth.core.adapter.docker;

import io.berth.core.result.ContainerSummary;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's container list ({@code GET /containers/json}) read straight from its JSON into
 * {@link ContainerSummary}s, formatted like {@code docker ps}.
 *
 * <p>Why not docker-java's {@code listContainersCmd}: its first call builds docker-java's client configuration and
 * Jackson's data binding of ~100 response classes, the largest share of a one-shot {@code ./berth docker ps} after
 * the JVM itself (docs/benchmarks.md). {@link PlainJson} (jackson-core's streaming parser alone) reads the same rows in
 * a few ms.
 */
final class ContainerRows {
  private ContainerRows() {}

  /** One row: the summary, and every name the engine lists for it (a linked container has several). */
  record Row(ContainerSummary summary, List<String> names) {}

  /** The rows of a {@code GET /containers/json} response body. */
  static List<Row> read(InputStream body) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Object o : PlainJson.list(PlainJson.read(body))) rows.add(row(PlainJson.map(o)));
    return rows;
  }

  static Row row(Map<String, Object> c) {
    List<String> names = PlainJson.strings(c.get("Names"));
    ContainerSummary summary = new ContainerSummary(
        PlainJson.string(c.get("Id")),
        names.isEmpty() ? "" : stripSlash(names.get(0)),
        PlainJson.string(c.get("Image")),
        PlainJson.string(c.get("State")),
        PlainJson.string(c.get("Status")),
        ports(c.get("Ports")),
        c.get("Created") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : Instant.EPOCH,
        PlainJson.stringMap(c.get("Labels")),
        PlainJson.string(c.get("Command")),
        PlainJson.string(c.get("ImageID")),
        c.get("SizeRw") instanceof Number n ? n.longValue() : null,
        c.get("SizeRootFs") instanceof Number n ? n.longValue() : null,
        mounts(c.get("Mounts")),
        networks(c.get("NetworkSettings")));
    return new Row(summary, names);
  }

  private static List<ContainerSummary.Mount> mounts(Object mounts) {
    return PlainJson.list(mounts).stream().map(PlainJson::map).map(m -> new ContainerSummary.Mount(
        PlainJson.string(m.get("Name")), PlainJson.string(m.get("Source")), PlainJson.string(m.get("Driver")))).toList();
  }

  /** The networks by name, sorted (docker's CLI walks a Go map: its order changes from call to call). */
  private static List<String> networks(Object settings) {
    return PlainJson.map(PlainJson.map(settings).get("Networks")).keySet().stream().sorted().toList();
  }

  static String stripSlash(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** {@code 127.0.0.1:8080->80/tcp} for published ports, {@code 80/tcp} for exposed ones, by container port. */
  static List<String> ports(Object ports) {
    List<Map<String, Object>> sorted = new ArrayList<>(PlainJson.list(ports).stream().map(PlainJson::map).toList());
    sorted.sort(Comparator.comparingLong(p -> number(p.get("PrivatePort"))));
    Set<String> out = new LinkedHashSet<>();
    for (Map<String, Object> p : sorted) {
      String proto = p.get("Type") instanceof String t ? t : "tcp";
      String inner = number(p.get("PrivatePort")) + "/" + proto;
      long published = number(p.get("PublicPort"));
      if (published > 0) {
        String ip = p.get("IP") instanceof String s && !s.isEmpty() ? s : "0.0.0.0";
        out.add(ip + ":" + published + "->" + inner);
      } else {
        out.add(inner);
      }
    }
    return List.copyOf(out);
  }

  private static long number(Object n) {
    return n instanceof Number x ? x.longValue() : 0;
  }
}
