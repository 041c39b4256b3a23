package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rename CONTAINER NEW_NAME}. Scope applies to CONTAINER like any target; and because a
 * scope may be a set of name patterns, the container must still be in the caller's scope under
 * its new name: renaming {@code pay-api} to {@code x} would otherwise hand it out of a
 * {@code pay-*} user's reach (or, with labels, nothing changes: labels stay).
 */
public record Rename(String container, String newName) implements DockerRequest {
  public Rename {
    new ContainerName(newName); // docker's grammar: "Invalid container name (…), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
  }

  /** docker prints nothing. */
  public record Renamed(String from, String to) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return "";
    }
  }

  public static final CommandSpec<Rename> SPEC = new CommandSpec<>() {
    @Override public Class<Rename> type() { return Rename.class; }
    @Override public Grammar<Rename> grammar() { return new RenameGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Rename probe() { return new Rename("probe", "probe2"); }
    @Override public List<String> containers(Rename r) { return List.of(r.container()); }
    /** A container that is not there (or out of scope) reaches execute, so its error reads as docker's: two lines. */
    @Override public boolean eachTarget() { return true; }
    @Override public Rename pin(Rename r, List<String> ids) { return new Rename(ids.get(0), r.newName()); }
    @Override public void describe(Rename r, Words w) { w.add(r.container()).add(r.newName()); }

    @Override
    public String consequence(Rename r, String target) {
      return "This will rename container " + target + " to " + r.newName() + ".";
    }

    /** Like docker, a failure the daemon reports is followed by the CLI's own line naming the container as given. */
    @Override
    public Renamed execute(Rename r, Execution x) {
      if (Targets.isMissing(r.container())) {
        String given = r.container().substring(1);
        throw failed(new EngineException(Failure.NOT_FOUND, "No such container: " + given), given);
      }
      ContainerSummary c;
      try {
        c = x.engine().resolveContainer(r.container());
      } catch (EngineException e) {
        throw failed(e, r.container());
      }
      ContainerSummary after = new ContainerSummary(c.id(), r.newName(), c.image(), c.state(), c.status(), c.ports(),
          c.created(), c.labels());
      if (!x.inScope().test(after)) {
        throw new EngineException(Failure.INVALID, "rename: " + c.name() + " may not be called " + r.newName()
            + ": under that name it would leave the containers you may act on (policy scope)");
      }
      try {
        x.engine().rename(c.id(), r.newName());
      } catch (EngineException e) {
        throw failed(e, c.name());
      }
      return new Renamed(c.name(), r.newName());
    }

    private EngineException failed(EngineException e, String given) {
      return new EngineException(e.kind(), e.getMessage() + "\nError: failed to rename container named " + given);
    }
  };

  @Command(name = "rename", description = "Rename a container.", customSynopsis = "rename CONTAINER NEW_NAME")
  static final class RenameGrammar extends Grammar<Rename> {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME", description = "The new name: letters, digits, _ . - (2 or more).")
    String newName;

    @Override
    public Rename toRequest(ArgumentReader in) {
      return new Rename(in.reference("CONTAINER", container), in.name(newName));
    }
  }
}
