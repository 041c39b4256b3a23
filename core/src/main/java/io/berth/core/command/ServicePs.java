package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.engine.SwarmObject;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import io.berth.core.render.SwarmListings;
import io.berth.core.result.SwarmListing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service ps [-q] [--no-trunc] [--format FMT] [--filter desired-state=|node=|id=|name=] SERVICE...}: the
 * services' tasks (history included, as docker shows it), each service scope-checked.
 */
public record ServicePs(List<String> services, boolean quiet, boolean noTrunc, List<String> filters, String format)
    implements DockerRequest {
  public ServicePs {
    services = List.copyOf(services);
    filters = List.copyOf(filters);
    if (services.isEmpty()) throw new IllegalArgumentException("service ps needs a SERVICE");
  }

  /** The tasks of {@code services} (documents), with the filters, as docker's table. */
  static SwarmListing tasks(Execution x, List<JsonNode> services, List<String> filters, Listings.View view) {
    Map<String, String> names = new LinkedHashMap<>();
    for (JsonNode s : services) names.put(s.path("ID").asText(), s.path("Spec").path("Name").asText());
    if (names.isEmpty()) return new SwarmListing(SwarmListings.tasks(List.of(), names, Map.of(), Instant.now(), view), List.of());
    Map<String, List<String>> f = new LinkedHashMap<>(EngineFilters.byKey(filters));
    f.put("service", List.copyOf(names.keySet()));
    Map<String, String> nodes = new LinkedHashMap<>();
    for (JsonNode n : Swarm.list(x, SwarmObject.NODE, Map.of())) {
      nodes.put(n.path("ID").asText(), n.path("Description").path("Hostname").asText());
    }
    List<JsonNode> tasks = Swarm.list(x, SwarmObject.TASK, f);
    return new SwarmListing(SwarmListings.tasks(tasks, names, nodes, Instant.now(), view),
        SwarmListings.taskRows(tasks, names, nodes));
  }

  public static final CommandSpec<ServicePs> SPEC = new CommandSpec<>() {
    @Override public Class<ServicePs> type() { return ServicePs.class; }
    @Override public Grammar<ServicePs> grammar() { return new ServicePsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public ServicePs probe() { return new ServicePs(List.of("probe"), false, false, List.of(), null); }
    @Override public String target(ServicePs r) { return String.join(" ", r.services()); }

    @Override
    public void describe(ServicePs r, Words w) {
      TaskListOptions.describe(w, r.quiet(), r.noTrunc(), r.format(), r.filters());
      w.addAll(r.services());
    }

    @Override
    public SwarmListing execute(ServicePs r, Execution x) {
      List<JsonNode> services = new ArrayList<>();
      for (String s : r.services()) services.add(Swarm.service(x, s));
      return tasks(x, services, r.filters(), new Listings.View(r.quiet(), r.noTrunc(), r.format()));
    }
  };

  @Command(name = "service ps", description = "List the tasks of Swarm services.",
      customSynopsis = "service ps [-q] [--no-trunc] [--format FORMAT] [--filter KEY=VALUE]... SERVICE...")
  static final class ServicePsGrammar extends Grammar<ServicePs> {
    @Mixin
    TaskListOptions options = new TaskListOptions();

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.ID}} {{.Name}} {{.Image}} {{.Node}} {{.DesiredState}} {{.CurrentState}} {{.Error}} {{.Ports}}.")
    String format;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "SERVICE", description = "Service names or ids.")
    List<String> services = new ArrayList<>();

    @Override
    public ServicePs toRequest(ArgumentReader in) {
      return new ServicePs(services.stream().map(s -> in.reference("SERVICE", s)).toList(), options.quiet,
          options.noTrunc, options.filters(in), Ps.Formats.parsed(in, format));
    }
  }
}
