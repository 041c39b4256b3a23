package io.berth.core.command;

import io.berth.core.engine.VolumeUsage;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import io.berth.core.result.VolumeSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code volume ls [-q] [--filter dangling=|name=|label=|driver=]}. Only volumes within the
 * caller's scope are listed, by the rule {@code run -v} applies (a volume used by a container
 * outside the scope, or labelled with another value of a scope label, is someone else's).
 */
public record VolumeLs(boolean quiet, List<String> filters) implements DockerRequest {
  static final List<String> FILTERS = List.of("dangling", "name", "label", "driver");

  public VolumeLs {
    filters = List.copyOf(filters);
  }

  /** docker's table (DRIVER, VOLUME NAME) or the names alone. */
  public record VolumeList(List<VolumeSummary> volumes, boolean quiet) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      if (quiet) return volumes.stream().map(v -> v.name() + "\n").reduce("", String::concat);
      return PlainTextRenderer.table(List.of("DRIVER", "VOLUME NAME"), volumes.stream().map(v -> List.of(v.driver(), v.name())).toList());
    }
  }

  public static final CommandSpec<VolumeLs> SPEC = new CommandSpec<>() {
    @Override public Class<VolumeLs> type() { return VolumeLs.class; }
    @Override public Grammar<VolumeLs> grammar() { return new VolumeLsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public VolumeLs probe() { return new VolumeLs(false, List.of()); }

    @Override
    public void describe(VolumeLs r, Words w) {
      w.flag(r.quiet(), "-q");
      for (String f : r.filters()) w.option("--filter", f);
    }

    @Override
    public VolumeList execute(VolumeLs r, Execution x) {
      List<VolumeSummary> shown = new ArrayList<>();
      for (VolumeSummary v : x.engine().volumes(EngineFilters.byKey(r.filters()))) {
        if (inScope(v.name(), x)) shown.add(v);
      }
      shown.sort(Comparator.comparing(VolumeSummary::name));
      return new VolumeList(shown, r.quiet());
    }
  };

  /** The one scope rule for volumes ({@code run -v}'s): a volume gone meanwhile is nobody's and not shown. */
  static boolean inScope(String name, Execution x) {
    return x.engine().volume(name).map(u -> x.volumeInScope().test(u)).orElse(false);
  }

  /** Refuses a volume outside the caller's scope with the words {@code run -v} uses; passes one that does not exist (the engine says so). */
  static void checkScope(String command, String name, Execution x) {
    java.util.Optional<VolumeUsage> usage = x.engine().volume(name);
    if (usage.isPresent() && !x.volumeInScope().test(usage.get())) {
      throw new io.berth.core.engine.EngineException(io.berth.core.result.Failure.INVALID, command + ": volume " + name
          + " belongs to a container outside what you may use (policy scope)");
    }
  }

  @Command(name = "volume ls", description = "List volumes.", customSynopsis = "volume ls [-q] [--filter KEY=VALUE]...")
  static final class VolumeLsGrammar extends Grammar<VolumeLs> {
    @Option(names = {"-q", "--quiet"}, description = "Only volume names.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
        description = "dangling=true|false, name=NAME (part of it), label=KEY[=VALUE] or driver=DRIVER; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    public VolumeLs toRequest(ArgumentReader in) {
      List<String> fs = EngineFilters.read(in, filters, FILTERS);
      for (String f : fs) {
        if (f.startsWith("dangling=") && !List.of("dangling=true", "dangling=false", "dangling=1", "dangling=0").contains(f)) {
          throw in.error("bad filter \"" + f + "\"; dangling is true or false");
        }
      }
      return new VolumeLs(quiet, fs);
    }
  }
}
