package io.berth.core.command;

import io.berth.core.engine.SwarmObject;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import io.berth.core.render.SwarmListings;
import io.berth.core.result.SwarmListing;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code node ls [-q] [--format FMT] [--filter id=|label=|membership=|name=|role=]}: the Swarm's nodes, by hostname. */
public record NodeLs(boolean quiet, List<String> filters, String format) implements DockerRequest {
  static final List<String> FILTERS = List.of("id", "label", "node.label", "membership", "name", "role");

  public NodeLs {
    filters = List.copyOf(filters);
  }

  public static final CommandSpec<NodeLs> SPEC = new CommandSpec<>() {
    @Override public Class<NodeLs> type() { return NodeLs.class; }
    @Override public Grammar<NodeLs> grammar() { return new NodeLsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public NodeLs probe() { return new NodeLs(false, List.of(), null); }

    @Override
    public void describe(NodeLs r, Words w) {
      w.flag(r.quiet(), "-q").optional("--format", r.format());
      for (String f : r.filters()) w.option("--filter", f);
    }

    @Override
    public SwarmListing execute(NodeLs r, Execution x) {
      List<com.fasterxml.jackson.databind.JsonNode> nodes = Swarm.list(x, SwarmObject.NODE, EngineFilters.byKey(r.filters()));
      String self = x.engine().swarmNodeId();
      return new SwarmListing(SwarmListings.nodes(nodes, self, new Listings.View(r.quiet(), false, r.format())),
          SwarmListings.nodeRows(nodes, self));
    }
  };

  @Command(name = "node ls", description = "List the Swarm's nodes (on a manager).",
      customSynopsis = "node ls [-q] [--format FORMAT] [--filter KEY=VALUE]...")
  static final class NodeLsGrammar extends Grammar<NodeLs> {
    @Option(names = {"-q", "--quiet"}, description = "Only node ids.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "id=, label=, membership=, name= or role=; repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.ID}} {{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}} {{.EngineVersion}}.")
    String format;

    @Override
    public NodeLs toRequest(ArgumentReader in) {
      return new NodeLs(quiet, EngineFilters.read(in, filters, FILTERS), Ps.Formats.parsed(in, format));
    }
  }
}
