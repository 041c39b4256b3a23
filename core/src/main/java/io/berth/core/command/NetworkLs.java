package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.NetworkSummary;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code network ls [-q] [--no-trunc] [--filter name=|driver=|label=|id=]}: the engine filters, docker's table. */
public record NetworkLs(boolean quiet, boolean noTrunc, List<String> filters) implements DockerRequest {
  static final List<String> FILTERS = List.of("name", "driver", "label", "id");

  public NetworkLs {
    filters = List.copyOf(filters);
  }

  /** The networks, sorted by name as docker sorts them. */
  public record NetworkList(List<NetworkSummary> networks, boolean quiet, boolean noTrunc) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      List<List<String>> rows = new ArrayList<>();
      StringBuilder ids = new StringBuilder();
      for (NetworkSummary n : networks) {
        String id = noTrunc ? n.id() : n.shortId();
        ids.append(id).append('\n');
        rows.add(List.of(id, n.name(), n.driver(), n.scope()));
      }
      return quiet ? ids.toString() : PlainTextRenderer.table(List.of("NETWORK ID", "NAME", "DRIVER", "SCOPE"), rows);
    }
  }

  public static final CommandSpec<NetworkLs> SPEC = new CommandSpec<>() {
    @Override public Class<NetworkLs> type() { return NetworkLs.class; }
    @Override public Grammar<NetworkLs> grammar() { return new NetworkLsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public NetworkLs probe() { return new NetworkLs(false, false, List.of()); }

    @Override
    public void describe(NetworkLs r, Words w) {
      w.flag(r.quiet(), "-q").flag(r.noTrunc(), "--no-trunc");
      for (String f : r.filters()) w.option("--filter", f);
    }

    @Override
    public NetworkList execute(NetworkLs r, Execution x) {
      List<NetworkSummary> all = new ArrayList<>(x.engine().networks(EngineFilters.byKey(r.filters())));
      all.sort(Comparator.comparing(NetworkSummary::name));
      return new NetworkList(all, r.quiet(), r.noTrunc());
    }
  };

  @Command(name = "network ls", description = "List networks.",
      customSynopsis = "network ls [-q] [--no-trunc] [--filter KEY=VALUE]...")
  static final class NetworkLsGrammar extends Grammar<NetworkLs> {
    @Option(names = {"-q", "--quiet"}, description = "Only network ids.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Full network ids.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
        description = "name=NAME (part of it), driver=DRIVER, label=KEY[=VALUE] or id=ID; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    public NetworkLs toRequest(ArgumentReader in) {
      return new NetworkLs(quiet, noTrunc, EngineFilters.read(in, filters, FILTERS));
    }
  }
}
