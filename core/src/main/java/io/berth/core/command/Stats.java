package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import io.berth.core.result.StatsSnapshot;
import io.berth.core.result.StatsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stats [--no-stream] [--no-trunc] [-a] [--format FORMAT] [CONTAINER...]}: one sample per container, as
 * {@code docker stats --no-stream} prints it. No container: every running one in the caller's
 * scope (every one with {@code -a}). As docker, a container that cannot be sampled fails the
 * whole command (its error, nothing printed).
 */
public record Stats(List<String> containers, List<String> given, boolean all, String format, boolean noTrunc)
    implements DockerRequest {
  public Stats {
    containers = List.copyOf(containers);
    given = Targets.given(given, containers);
  }

  public Stats(List<String> containers, List<String> given, boolean all, String format) {
    this(containers, given, all, format, false);
  }

  /** One container, docker's table (the console's container page, Discord's {@code /docker stats}). */
  public Stats(String container) {
    this(List.of(container), null, false, null);
  }

  public static final CommandSpec<Stats> SPEC = new CommandSpec<>() {
    @Override public Class<Stats> type() { return Stats.class; }
    @Override public Grammar<Stats> grammar() { return new StatsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Stats probe() { return new Stats(List.of(), null, false, null); }
    @Override public List<String> containers(Stats r) { return r.containers(); }
    @Override public boolean eachTarget() { return true; }
    @Override public Stats pin(Stats r, List<String> ids) { return new Stats(ids, r.given(), r.all(), r.format(), r.noTrunc()); }

    @Override
    public void describe(Stats r, Words w) {
      w.flag(r.all(), "-a").flag(r.noTrunc(), "--no-trunc").optional("--format", r.format()).addAll(r.containers());
    }

    @Override
    public Result execute(Stats r, Execution x) {
      if (r.containers().isEmpty()) return everyContainer(r, x);
      var each = Targets.each(r.containers(), r.given(), (id, typed) -> x.engine().stats(id));
      if (!each.errors().isEmpty()) {
        // docker's RunStats: any container it could not sample fails the command, every error on its own line
        throw new EngineException(each.errors().get(0).kind(),
            String.join("\n", each.errors().stream().map(Targets.Error::message).toList()));
      }
      if (r.containers().size() == 1 && r.format() == null && !r.noTrunc()) return each.done().get(0);
      return Ps.Formats.checked(new StatsTable(each.done(), r.given(), r.format(), r.noTrunc()));
    }

    /**
     * docker lists the containers, then samples them all at once (a sample takes the engine a second);
     * one that went away meanwhile is left out, as there.
     */
    private Result everyContainer(Stats r, Execution x) {
      List<ContainerSummary> visible = x.engine().listContainers(r.all(), List.of()).stream().filter(x.inScope()).toList();
      List<StatsSnapshot> samples = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      if (visible.isEmpty()) return Ps.Formats.checked(new StatsTable(samples, labels, r.format(), r.noTrunc()));
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(visible.size(), PARALLEL_SAMPLES), r2 -> {
        Thread t = new Thread(r2, "berth-stats");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<StatsSnapshot>> pending = new ArrayList<>();
        for (ContainerSummary c : visible) pending.add(pool.submit(() -> x.engine().stats(c.id())));
        for (int i = 0; i < visible.size(); i++) {
          try {
            samples.add(pending.get(i).get());
            labels.add(visible.get(i).shortId());
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof EngineException ee)) throw rethrown(e.getCause());
            if (ee.kind() != Failure.NOT_FOUND && stillAsListed(x, visible.get(i))) throw ee;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException(Failure.INTERNAL, "stats was interrupted");
      } finally {
        pool.shutdownNow();
      }
      return Ps.Formats.checked(new StatsTable(samples, labels, r.format(), r.noTrunc()));
    }
  };

  /**
   * Whether a container whose sample failed is still what the list showed: one that stopped or went away meanwhile
   * (its stats stream ends empty) is left out, as docker leaves it out; a failure on one still there is the answer.
   */
  private static boolean stillAsListed(Execution x, ContainerSummary listed) {
    try {
      return x.engine().resolveContainer(listed.id()).state().equals(listed.state());
    } catch (EngineException gone) {
      return false;
    }
  }

  /** How many containers are sampled at once when none is named. */
  static final int PARALLEL_SAMPLES = 8;

  private static RuntimeException rethrown(Throwable t) {
    if (t instanceof RuntimeException e) return e;
    if (t instanceof Error e) throw e;
    return new EngineException(Failure.INTERNAL, String.valueOf(t));
  }

  @Command(name = "stats", description = "Display a snapshot of containers' resource usage.",
      customSynopsis = "stats [--no-stream] [--no-trunc] [-a] [--format FORMAT] [CONTAINER...]",
      footer = {"", "Always one snapshot (docker's --no-stream). No CONTAINER: every running container (-a: every one)."})
  static final class StatsGrammar extends Grammar<Stats> {
    @Option(names = "--no-stream", description = "Accepted for docker compatibility; stats is always one snapshot.")
    boolean noStream;

    @Option(names = "--no-trunc", description = "Whole container ids in the ID column.")
    boolean noTrunc;

    @Option(names = {"-a", "--all"}, description = "Show all containers when none is named (default: running ones).")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.Container}} {{.Name}} {{.ID}} {{.CPUPerc}} {{.MemUsage}} {{.MemPerc}} {{.NetIO}} "
            + "{{.BlockIO}} {{.PIDs}}; 'table …' adds headers; 'json' one object per line.")
    String format;

    @Parameters(index = "0..*", arity = "0..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Stats toRequest(ArgumentReader in) {
      return new Stats(containers.stream().map(c -> in.reference("CONTAINER", c)).toList(), null, all,
          Ps.Formats.parsed(in, format), noTrunc);
    }
  }
}
