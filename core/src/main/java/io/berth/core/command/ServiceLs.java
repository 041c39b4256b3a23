package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import io.berth.core.render.SwarmListings;
import io.berth.core.result.SwarmListing;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code service ls [-q] [--format FMT] [--filter id=|label=|mode=|name=]}: the services in the caller's scope. */
public record ServiceLs(boolean quiet, List<String> filters, String format) implements DockerRequest {
  static final List<String> FILTERS = List.of("id", "label", "mode", "name");

  public ServiceLs {
    filters = List.copyOf(filters);
  }

  public static final CommandSpec<ServiceLs> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceLs> type() { return ServiceLs.class; }
    @Override public Grammar<ServiceLs> grammar() { return new ServiceLsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public ServiceLs probe() { return new ServiceLs(false, List.of(), null); }

    @Override
    public void describe(ServiceLs r, Words w) {
      w.flag(r.quiet(), "-q").optional("--format", r.format());
      for (String f : r.filters()) w.option("--filter", f);
    }

    @Override
    public SwarmListing execute(ServiceLs r, Execution x) {
      List<com.fasterxml.jackson.databind.JsonNode> services = Swarm.services(x, EngineFilters.byKey(r.filters()));
      return new SwarmListing(SwarmListings.services(services, new Listings.View(r.quiet(), false, r.format())),
          SwarmListings.serviceRows(services));
    }
  };

  @Command(name = "service ls", description = "List Swarm services.",
      customSynopsis = "service ls [-q] [--format FORMAT] [--filter KEY=VALUE]...")
  static final class ServiceLsGrammar extends Grammar<ServiceLs> {
    @Option(names = {"-q", "--quiet"}, description = "Only service ids.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "id=, label=, mode= or name=; repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.ID}} {{.Name}} {{.Mode}} {{.Replicas}} {{.Image}} {{.Ports}}.")
    String format;

    @Override
    public ServiceLs toRequest(ArgumentReader in) {
      return new ServiceLs(quiet, EngineFilters.read(in, filters, FILTERS), Ps.Formats.parsed(in, format));
    }
  }
}
