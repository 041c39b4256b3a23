package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.NetworkSummary;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code network ls [-q] [--no-trunc] [--format FMT] [--filter name=|driver=|label=|id=]}: the engine filters,
 * docker's table or its network context through {@code --format}.
 */
public record NetworkLs(boolean quiet, boolean noTrunc, List<String> filters, String format) implements DockerRequest {
  static final List<String> FILTERS = List.of("name", "driver", "label", "id");

  public NetworkLs {
    filters = List.copyOf(filters);
  }

  public NetworkLs(boolean quiet, boolean noTrunc, List<String> filters) {
    this(quiet, noTrunc, filters, null);
  }

  /** The networks, sorted by name as docker sorts them. */
  public record NetworkList(List<NetworkSummary> networks, Listings.View view) implements Result {
    public NetworkList {
      networks = List.copyOf(networks);
    }

    @Override
    public String text(PlainTextRenderer r) {
      return Listings.networks(networks, view);
    }
  }

  public static final CommandSpec<NetworkLs> SPEC = new CommandSpec<>() {
    @Override public Class<NetworkLs> type() { return NetworkLs.class; }
    @Override public Grammar<NetworkLs> grammar() { return new NetworkLsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public NetworkLs probe() { return new NetworkLs(false, false, List.of()); }

    @Override
    public void describe(NetworkLs r, Words w) {
      w.flag(r.quiet(), "-q").flag(r.noTrunc(), "--no-trunc").optional("--format", r.format());
      for (String f : r.filters()) w.option("--filter", f);
    }

    @Override
    public NetworkList execute(NetworkLs r, Execution x) {
      List<NetworkSummary> all = new ArrayList<>(x.engine().networks(EngineFilters.byKey(r.filters())));
      all.sort(Comparator.comparing(NetworkSummary::name));
      return Ps.Formats.checked(new NetworkList(all, new Listings.View(r.quiet(), r.noTrunc(), r.format())));
    }
  };

  @Command(name = "network ls", description = "List networks.",
      customSynopsis = "network ls [-q] [--no-trunc] [--format FORMAT] [--filter KEY=VALUE]...")
  static final class NetworkLsGrammar extends Grammar<NetworkLs> {
    @Option(names = {"-q", "--quiet"}, description = "Only network ids.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Full network ids.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
        description = "name=NAME (part of it), driver=DRIVER, label=KEY[=VALUE] or id=ID; repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.ID}} {{.Name}} {{.Driver}} {{.Scope}} {{.IPv6}} {{.Internal}} {{.Labels}} "
            + "{{.Label \"k\"}} {{.CreatedAt}}; 'table …' adds headers; 'json' one object per line.")
    String format;

    @Override
    public NetworkLs toRequest(ArgumentReader in) {
      return new NetworkLs(quiet, noTrunc, EngineFilters.read(in, filters, FILTERS), Ps.Formats.parsed(in, format));
    }
  }
}
