package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code network rm NETWORK...}: admin, confirmed by default; the predefined networks are refused as docker refuses them. */
public record NetworkRm(List<String> networks) implements DockerRequest {
  /** The engine's own networks, which docker never removes. */
  static final List<String> PREDEFINED = List.of("bridge", "host", "none");

  public NetworkRm {
    networks = List.copyOf(networks);
    if (networks.isEmpty()) throw new IllegalArgumentException("network rm needs a NETWORK");
  }

  /** Names one per line, as docker prints what it removed or created. */
  public record Names(List<String> names) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return names.isEmpty() ? "" : String.join("\n", names) + "\n";
    }
  }

  public static final CommandSpec<NetworkRm> SPEC = new CommandSpec<>() {
    @Override public Class<NetworkRm> type() { return NetworkRm.class; }
    @Override public Grammar<NetworkRm> grammar() { return new NetworkRmGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public NetworkRm probe() { return new NetworkRm(List.of("probe")); }
    @Override public String target(NetworkRm r) { return String.join(" ", r.networks()); }
    @Override public void describe(NetworkRm r, Words w) { w.addAll(r.networks()); }

    @Override
    public String consequence(NetworkRm r, String target) {
      return "This will remove network " + target + "; containers can no longer join it.";
    }

    @Override
    public Names execute(NetworkRm r, Execution x) {
      return new Names(EngineFilters.eachOf(r.networks(), "removed", n -> {
        if (PREDEFINED.contains(n)) {
          throw new EngineException(Failure.CONFLICT, n + " is a pre-defined network and cannot be removed");
        }
        x.engine().removeNetwork(n);
      }));
    }
  };

  @Command(name = "network rm", description = "Remove networks (admin).", customSynopsis = "network rm NETWORK...")
  static final class NetworkRmGrammar extends Grammar<NetworkRm> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "NETWORK", description = "Network names or ids.")
    List<String> networks = new ArrayList<>();

    @Override
    public NetworkRm toRequest(ArgumentReader in) {
      return new NetworkRm(networks.stream().map(n -> in.reference("NETWORK", n)).toList());
    }
  }
}
