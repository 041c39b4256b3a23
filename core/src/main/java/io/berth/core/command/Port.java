package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code port CONTAINER [PRIVATE_PORT[/PROTO]]}: the container's published ports, as docker lists
 * them ({@code 80/tcp -> 0.0.0.0:8080}); with a private port, only its host addresses.
 */
public record Port(String container, Integer privatePort, String proto) implements DockerRequest {
  private static final Pattern SPEC_TEXT = Pattern.compile("(\\d{1,5})(?:/(tcp|udp|sctp))?");

  public Port {
    if (privatePort != null && (privatePort < 1 || privatePort > 65535)) {
      throw new IllegalArgumentException("port out of range: " + privatePort + "; ports are 1..65535");
    }
    if (privatePort != null && proto == null) proto = "tcp";
  }

  /** One host binding of a private port; {@code hostIp} as the engine reports it (0.0.0.0, ::). */
  public record Mapping(int port, String proto, String hostIp, String hostPort) {
    /** docker's {@code net.JoinHostPort}: an IPv6 address in brackets. */
    public String host() {
      String ip = hostIp == null ? "" : hostIp;
      return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + hostPort;
    }

    public String privateSide() {
      return port + "/" + proto;
    }
  }

  /** docker's lines: {@code 80/tcp -> 0.0.0.0:8080}, or only the host side when one port was asked for. */
  public record Published(List<Mapping> mappings, boolean onePort) implements Result {
    public Published {
      mappings = List.copyOf(mappings);
    }

    @Override
    public String text(PlainTextRenderer r) {
      StringBuilder sb = new StringBuilder();
      for (Mapping m : mappings) sb.append(onePort ? m.host() : m.privateSide() + " -> " + m.host()).append('\n');
      return sb.toString();
    }
  }

  public static final CommandSpec<Port> SPEC = new CommandSpec<>() {
    @Override public Class<Port> type() { return Port.class; }
    @Override public Grammar<Port> grammar() { return new PortGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Port probe() { return new Port("probe", null, null); }
    @Override public List<String> containers(Port r) { return List.of(r.container()); }
    @Override public Port pin(Port r, List<String> ids) { return new Port(ids.get(0), r.privatePort(), r.proto()); }

    @Override
    public void describe(Port r, Words w) {
      w.add(r.container());
      if (r.privatePort() != null) w.add(r.privatePort() + "/" + r.proto());
    }

    @Override
    public Published execute(Port r, Execution x) {
      List<Mapping> all = x.engine().ports(r.container()).stream()
          .sorted(Comparator.comparingInt(Mapping::port).thenComparing(Mapping::proto)).toList();
      if (r.privatePort() == null) return new Published(all, false);
      List<Mapping> one = all.stream().filter(m -> m.port() == r.privatePort() && m.proto().equals(r.proto())).toList();
      if (one.isEmpty()) {
        throw new EngineException(Failure.NOT_FOUND, "No public port '" + r.privatePort() + "/" + r.proto()
            + "' published for " + x.nameOf(r.container()));
      }
      return new Published(one, true);
    }
  };

  @Command(name = "port", description = "List port mappings or a specific mapping for the container.",
      customSynopsis = "port CONTAINER [PRIVATE_PORT[/PROTO]]")
  static final class PortGrammar extends Grammar<Port> {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]", description = "e.g. 80 or 53/udp.")
    String port;

    @Override
    public Port toRequest(ArgumentReader in) {
      if (port == null) return new Port(in.reference("CONTAINER", container), null, null);
      Matcher m = SPEC_TEXT.matcher(port);
      if (!m.matches()) throw in.error("bad port \"" + port + "\"; write PRIVATE_PORT[/PROTO], e.g. 80 or 53/udp");
      return new Port(in.reference("CONTAINER", container), Integer.valueOf(m.group(1)), m.group(2));
    }
  }
}
