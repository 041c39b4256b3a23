package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code network inspect NETWORK...}: the engine's documents as docker prints them. A network is
 * host-wide, but the containers attached to it are not: those outside the caller's scope are left
 * out of {@code Containers}.
 */
public record NetworkInspect(List<String> networks) implements DockerRequest {
  public NetworkInspect {
    networks = List.copyOf(networks);
    if (networks.isEmpty()) throw new IllegalArgumentException("network inspect needs a NETWORK");
  }

  /** A JSON array of engine documents, as {@code docker … inspect} prints it. */
  public record Documents(List<String> documents) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return EngineFilters.jsonArray(documents);
    }
  }

  public static final CommandSpec<NetworkInspect> SPEC = new CommandSpec<>() {
    @Override public Class<NetworkInspect> type() { return NetworkInspect.class; }
    @Override public Grammar<NetworkInspect> grammar() { return new NetworkInspectGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public NetworkInspect probe() { return new NetworkInspect(List.of("probe")); }
    @Override public String target(NetworkInspect r) { return String.join(" ", r.networks()); }
    @Override public void describe(NetworkInspect r, Words w) { w.addAll(r.networks()); }

    @Override
    public Documents execute(NetworkInspect r, Execution x) {
      List<String> docs = new ArrayList<>();
      EngineFilters.eachOf(r.networks(), "inspected", n -> docs.add(x.engine().inspectNetwork(n, x.inScope())));
      return new Documents(docs);
    }
  };

  @Command(name = "network inspect", description = "Show networks as JSON.", customSynopsis = "network inspect NETWORK...")
  static final class NetworkInspectGrammar extends Grammar<NetworkInspect> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "NETWORK", description = "Network names or ids.")
    List<String> networks = new ArrayList<>();

    @Override
    public NetworkInspect toRequest(ArgumentReader in) {
      return new NetworkInspect(networks.stream().map(n -> in.reference("NETWORK", n)).toList());
    }
  }
}
