package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pause CONTAINER...}: freezes every process of running containers (cgroup freezer). */
public record Pause(List<String> containers) implements DockerRequest {
  public Pause {
    containers = List.copyOf(containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("pause needs a CONTAINER");
  }

  /** The containers a command acted on, by name, one per line as docker prints them (pause, unpause). */
  public record Done(List<String> names) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return names.isEmpty() ? "" : String.join("\n", names) + "\n";
    }
  }

  /**
   * docker's way with several containers: every one is tried; any failure fails the command,
   * naming what did happen. {@code ids} are resolved ids.
   */
  static Done eachContainer(List<String> ids, Execution x, Consumer<String> action) {
    List<String> done = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    EngineException first = null;
    for (String id : ids) {
      String name = x.nameOf(id);
      try {
        action.accept(id);
        done.add(name);
      } catch (EngineException e) {
        if (first == null) first = e;
        errors.add(e.getMessage());
      }
    }
    if (first != null) {
      throw new EngineException(first.kind(), String.join("; ", errors)
          + (done.isEmpty() ? "" : " (done: " + String.join(", ", done) + ")"));
    }
    return new Done(done);
  }

  public static final CommandSpec<Pause> SPEC = new CommandSpec<>() {
    @Override public Class<Pause> type() { return Pause.class; }
    @Override public Grammar<Pause> grammar() { return new PauseGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Pause probe() { return new Pause(List.of("probe")); }
    @Override public List<String> containers(Pause r) { return r.containers(); }
    @Override public Pause pin(Pause r, List<String> ids) { return new Pause(ids); }
    @Override public void describe(Pause r, Words w) { w.addAll(r.containers()); }
    @Override public String consequence(Pause r, String target) { return "This will pause container " + target + "."; }
    @Override public Done execute(Pause r, Execution x) { return eachContainer(r.containers(), x, x.engine()::pause); }
  };

  @Command(name = "pause", description = "Pause all processes within running containers.",
      customSynopsis = "pause CONTAINER...")
  static final class PauseGrammar extends Grammar<Pause> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Pause toRequest(ArgumentReader in) {
      return new Pause(containers.stream().map(c -> in.reference("CONTAINER", c)).toList());
    }
  }
}
