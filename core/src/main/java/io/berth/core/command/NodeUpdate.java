package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.core.engine.SwarmObject;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code node update --availability active|pause|drain NODE}: draining a node moves its tasks elsewhere, so it is
 * for admins (permission class destructive).
 */
public record NodeUpdate(String availability, String node) implements DockerRequest {
  static final List<String> AVAILABILITIES = List.of("active", "pause", "drain");

  public NodeUpdate {
    if (!AVAILABILITIES.contains(availability)) {
      throw new IllegalArgumentException("bad --availability \"" + availability + "\"; use active, pause or drain");
    }
    if (!ContainerName.isObjectReference(node)) throw new IllegalArgumentException("bad NODE \"" + node + "\"");
  }

  public static final CommandSpec<NodeUpdate> SPEC = new CommandSpec<>() {
    @Override public Class<NodeUpdate> type() { return NodeUpdate.class; }
    @Override public Grammar<NodeUpdate> grammar() { return new NodeUpdateGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public NodeUpdate probe() { return new NodeUpdate("active", "probe"); }
    @Override public String target(NodeUpdate r) { return r.node(); }
    @Override public void describe(NodeUpdate r, Words w) { w.option("--availability", r.availability()).add(r.node()); }

    @Override
    public String consequence(NodeUpdate r, String target) {
      return "This will set node " + r.node() + " to " + r.availability()
          + (r.availability().equals("drain") ? " (its tasks move to other nodes)." : ".");
    }

    /** As docker: read the node, change its spec at that version, print the node as given. */
    @Override
    public Swarm.Printed execute(NodeUpdate r, Execution x) {
      JsonNode node = Swarm.json(x.engine().swarmInspect(SwarmObject.NODE, r.node()));
      ObjectNode spec = (ObjectNode) node.path("Spec").deepCopy();
      spec.put("Availability", r.availability());
      x.engine().updateSwarmObject(SwarmObject.NODE, node.path("ID").asText(), node.path("Version").path("Index").asLong(),
          spec.toString(), false);
      return new Swarm.Printed(r.node() + "\n");
    }
  };

  @Command(name = "node update", description = "Set a node's availability (admin).",
      customSynopsis = "node update --availability active|pause|drain NODE")
  static final class NodeUpdateGrammar extends Grammar<NodeUpdate> {
    @Option(names = "--availability", required = true, paramLabel = "STATE", description = "active, pause or drain.")
    String availability;

    @Parameters(index = "0", paramLabel = "NODE", description = "Node hostname or id.")
    String node;

    @Override
    public NodeUpdate toRequest(ArgumentReader in) {
      return new NodeUpdate(availability, in.reference("NODE", node));
    }
  }
}
