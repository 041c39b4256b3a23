package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.StatsSnapshot;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stats CONTAINER}: one-shot CPU and memory. */
public record Stats(String container) implements DockerRequest {

  public static final CommandSpec<Stats> SPEC = new CommandSpec<>() {
    @Override public Class<Stats> type() { return Stats.class; }
    @Override public Grammar<Stats> grammar() { return new StatsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Stats probe() { return new Stats(""); }
    @Override public List<String> containers(Stats r) { return List.of(r.container()); }
    @Override public Stats pin(Stats r, List<String> ids) { return new Stats(ids.get(0)); }
    @Override public StatsSnapshot execute(Stats r, Execution x) { return x.engine().stats(r.container()); }
    @Override public void describe(Stats r, Words w) { w.add(r.container()); }
  };

  @Command(name = "stats", description = "One snapshot of a container's CPU and memory.", customSynopsis = "stats CONTAINER")
  static final class StatsGrammar extends Grammar<Stats> {
    @Option(names = "--no-stream", description = "Accepted for docker compatibility; stats is always one snapshot.")
    boolean noStream;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    public Stats toRequest(ArgumentReader in) {
      return new Stats(in.reference("CONTAINER", container));
    }
  }
}
