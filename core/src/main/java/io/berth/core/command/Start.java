package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code start CONTAINER}. */
public record Start(String container) implements DockerRequest {

  public static final CommandSpec<Start> SPEC = new CommandSpec<>() {
    @Override public Class<Start> type() { return Start.class; }
    @Override public Grammar<Start> grammar() { return new StartGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Start probe() { return new Start(""); }
    @Override public List<String> containers(Start r) { return List.of(r.container()); }
    @Override public Start pin(Start r, List<String> ids) { return new Start(ids.get(0)); }
    @Override public void describe(Start r, Words w) { w.add(r.container()); }
    @Override public String consequence(Start r, String target) { return "This will start container " + target + "."; }

    @Override
    public ContainerChanged execute(Start r, Execution x) {
      x.engine().start(r.container());
      return new ContainerChanged("start", r.container(), x.nameOf(r.container()), true);
    }
  };

  @Command(name = "start", description = "Start a stopped container.", customSynopsis = "start CONTAINER")
  static final class StartGrammar extends Grammar<Start> {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    public Start toRequest(ArgumentReader in) {
      return new Start(in.reference("CONTAINER", container));
    }
  }
}
