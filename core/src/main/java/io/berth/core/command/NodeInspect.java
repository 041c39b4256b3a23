package io.berth.core.command;

import io.berth.core.engine.SwarmObject;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.JsonText;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code node inspect [-f FORMAT] NODE...}: the engine's node documents as docker prints them. */
public record NodeInspect(List<String> nodes, String format) implements DockerRequest {
  public NodeInspect {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) throw new IllegalArgumentException("node inspect needs a NODE");
  }

  public static final CommandSpec<NodeInspect> SPEC = new CommandSpec<>() {
    @Override public Class<NodeInspect> type() { return NodeInspect.class; }
    @Override public Grammar<NodeInspect> grammar() { return new NodeInspectGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public NodeInspect probe() { return new NodeInspect(List.of("probe"), null); }
    @Override public String target(NodeInspect r) { return String.join(" ", r.nodes()); }
    @Override public void describe(NodeInspect r, Words w) { w.optional("-f", r.format()).addAll(r.nodes()); }

    @Override
    public NetworkInspect.Documents execute(NodeInspect r, Execution x) {
      return NetworkInspect.Documents.of(r.nodes(), r.format(),
          n -> JsonText.indented(JsonText.parse(x.engine().swarmInspect(SwarmObject.NODE, n)), "    "));
    }
  };

  @Command(name = "node inspect", description = "Show Swarm nodes as JSON.", customSynopsis = "node inspect [-f FORMAT] NODE...")
  static final class NodeInspectGrammar extends Grammar<NodeInspect> {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Go template, e.g. '{{.Status.State}}'.")
    String format;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "NODE", description = "Node hostnames or ids.")
    List<String> nodes = new ArrayList<>();

    @Override
    public NodeInspect toRequest(ArgumentReader in) {
      return new NodeInspect(nodes.stream().map(n -> in.reference("NODE", n)).toList(), Ps.Formats.parsed(in, format));
    }
  }
}
