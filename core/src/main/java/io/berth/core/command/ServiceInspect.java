package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.JsonText;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code service inspect [-f FORMAT] SERVICE...}: the engine's documents; a service out of scope reads as not found. */
public record ServiceInspect(List<String> services, String format) implements DockerRequest {
  public ServiceInspect {
    services = List.copyOf(services);
    if (services.isEmpty()) throw new IllegalArgumentException("service inspect needs a SERVICE");
  }

  public static final CommandSpec<ServiceInspect> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceInspect> type() { return ServiceInspect.class; }
    @Override public Grammar<ServiceInspect> grammar() { return new ServiceInspectGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public ServiceInspect probe() { return new ServiceInspect(List.of("probe"), null); }
    @Override public String target(ServiceInspect r) { return String.join(" ", r.services()); }
    @Override public void describe(ServiceInspect r, Words w) { w.optional("-f", r.format()).addAll(r.services()); }

    @Override
    public NetworkInspect.Documents execute(ServiceInspect r, Execution x) {
      return NetworkInspect.Documents.of(r.services(), r.format(),
          s -> JsonText.indented(JsonText.parse(Swarm.service(x, s).toString()), "    "));
    }
  };

  @Command(name = "service inspect", description = "Show Swarm services as JSON.", customSynopsis = "service inspect [-f FORMAT] SERVICE...")
  static final class ServiceInspectGrammar extends Grammar<ServiceInspect> {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Go template, e.g. '{{.Spec.Mode.Replicated.Replicas}}'.")
    String format;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "SERVICE", description = "Service names or ids.")
    List<String> services = new ArrayList<>();

    @Override
    public ServiceInspect toRequest(ArgumentReader in) {
      return new ServiceInspect(services.stream().map(s -> in.reference("SERVICE", s)).toList(), Ps.Formats.parsed(in, format));
    }
  }
}
