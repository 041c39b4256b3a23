package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.DockerFormat;
import io.berth.core.render.GoTemplate;
import io.berth.core.render.JsonText;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code network inspect [-f FORMAT] NETWORK...}: the engine's documents as docker prints them. A network is
 * host-wide, but the containers attached to it are not: those outside the caller's scope are left
 * out of {@code Containers}.
 */
public record NetworkInspect(List<String> networks, String format) implements DockerRequest {
  public NetworkInspect {
    networks = List.copyOf(networks);
    if (networks.isEmpty()) throw new IllegalArgumentException("network inspect needs a NETWORK");
  }

  public NetworkInspect(List<String> networks) {
    this(networks, null);
  }

  /**
   * What {@code docker network/volume inspect} prints: a JSON array of the engine documents found (or, with
   * {@code -f}, one line per document), and an error line per name not found (docker still prints {@code []}).
   */
  public record Documents(String output, List<String> errors) implements Result {
    public Documents {
      errors = List.copyOf(errors);
    }

    @Override
    public String text(PlainTextRenderer r) {
      return output;
    }

    /** Every name tried, like docker: a NOT_FOUND is an error line, any other failure fails the command. */
    static Documents of(List<String> names, String format, Function<String, String> inspect) {
      List<String> docs = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (String name : names) {
        try {
          docs.add(inspect.apply(name));
        } catch (EngineException e) {
          if (e.kind() != Failure.NOT_FOUND) throw e;
          errors.add("Error: " + e.getMessage());
        }
      }
      if (format == null) return new Documents(EngineFilters.jsonArray(docs), errors);
      GoTemplate t = DockerFormat.compile(format);
      StringBuilder out = new StringBuilder();
      for (String doc : docs) {
        try {
          out.append(t.execute(JsonText.parse(doc), true)).append('\n');
        } catch (GoTemplate.TemplateException e) {
          throw new EngineException(Failure.INVALID, "template parsing error: " + e.getMessage());
        }
      }
      return new Documents(out.toString(), errors);
    }
  }

  public static final CommandSpec<NetworkInspect> SPEC = new CommandSpec<>() {
    @Override public Class<NetworkInspect> type() { return NetworkInspect.class; }
    @Override public Grammar<NetworkInspect> grammar() { return new NetworkInspectGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public NetworkInspect probe() { return new NetworkInspect(List.of("probe")); }
    @Override public String target(NetworkInspect r) { return String.join(" ", r.networks()); }
    @Override public void describe(NetworkInspect r, Words w) { w.optional("-f", r.format()).addAll(r.networks()); }

    @Override
    public Documents execute(NetworkInspect r, Execution x) {
      return Documents.of(r.networks(), r.format(), n -> x.engine().inspectNetwork(n, x.inScope()));
    }
  };

  @Command(name = "network inspect", description = "Show networks as JSON.", customSynopsis = "network inspect [-f FORMAT] NETWORK...")
  static final class NetworkInspectGrammar extends Grammar<NetworkInspect> {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Go template, e.g. '{{.Name}} {{.Driver}}'.")
    String format;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "NETWORK", description = "Network names or ids.")
    List<String> networks = new ArrayList<>();

    @Override
    public NetworkInspect toRequest(ArgumentReader in) {
      return new NetworkInspect(networks.stream().map(n -> in.reference("NETWORK", n)).toList(), Ps.Formats.parsed(in, format));
    }
  }
}
