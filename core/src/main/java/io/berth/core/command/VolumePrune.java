package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import io.berth.core.result.VolumeSummary;
import io.berth.core.result.VolumesPruned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code volume prune [-f] [-a] [--filter label=…]}: admin, confirmed by default ({@code -f} is
 * accepted for docker's sake; Berth's confirmation is the policy's, not a prompt). Refused when an
 * unused volume it would remove is outside the caller's scope.
 */
public record VolumePrune(boolean all, List<String> filters) implements DockerRequest {
  static final List<String> FILTERS = List.of("label", "label!");

  public VolumePrune {
    filters = List.copyOf(filters);
  }

  /** docker's output: the deleted volumes, then the space given back. */
  public record Pruned(VolumesPruned pruned) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      StringBuilder sb = new StringBuilder();
      if (!pruned.names().isEmpty()) sb.append("Deleted Volumes:\n").append(String.join("\n", pruned.names())).append("\n\n");
      return sb.append("Total reclaimed space: ").append(PlainTextRenderer.size(pruned.reclaimedBytes())).append('\n').toString();
    }
  }

  public static final CommandSpec<VolumePrune> SPEC = new CommandSpec<>() {
    @Override public Class<VolumePrune> type() { return VolumePrune.class; }
    @Override public Grammar<VolumePrune> grammar() { return new VolumePruneGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public VolumePrune probe() { return new VolumePrune(false, List.of()); }

    @Override
    public String consequence(VolumePrune r, String target) {
      return "This will remove all " + (r.all() ? "" : "anonymous ") + "volumes not used by any container"
          + (r.filters().isEmpty() ? "" : " matching " + String.join(", ", r.filters())) + ", and every file in them.";
    }

    @Override
    public void describe(VolumePrune r, Words w) {
      w.flag(r.all(), "-a");
      for (String f : r.filters()) w.option("--filter", f);
    }

    @Override
    public Pruned execute(VolumePrune r, Execution x) {
      Map<String, List<String>> candidates = new LinkedHashMap<>(EngineFilters.byKey(r.filters()));
      candidates.put("dangling", List.of("true"));
      List<String> foreign = new ArrayList<>();
      for (VolumeSummary v : x.engine().volumes(candidates)) {
        if (!VolumeLs.inScope(v.name(), x)) foreign.add(v.name());
      }
      if (!foreign.isEmpty()) {
        throw new EngineException(Failure.INVALID, "volume prune would remove " + foreign.size()
            + " volume(s) outside what you may use (policy scope); narrow it with --filter label=KEY=VALUE or remove yours with volume rm");
      }
      return new Pruned(x.engine().pruneVolumes(r.all(), EngineFilters.byKey(r.filters())));
    }
  };

  @Command(name = "volume prune", description = "Remove unused volumes (admin).",
      customSynopsis = "volume prune [-f] [-a] [--filter label=KEY[=VALUE]]...")
  static final class VolumePruneGrammar extends Grammar<VolumePrune> {
    @Option(names = {"-a", "--all"}, description = "Named volumes too, not only anonymous ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Accepted as docker's; confirmation follows the policy.")
    boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "label=KEY[=VALUE] or label!=KEY[=VALUE]; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    public VolumePrune toRequest(ArgumentReader in) {
      return new VolumePrune(all, EngineFilters.read(in, filters, FILTERS));
    }
  }
}
