package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code image prune [-a] [-f] [--filter until=TIME] [--filter label=KEY[=VALUE]]...}: removes
 * dangling images, or with {@code -a} every image no container uses. Images belong to no scope:
 * they serve every team's containers, so a caller whose scope is limited may not prune them.
 * Destructive, and confirmed by default.
 */
public record ImagePrune(boolean all, boolean force, Instant until, Map<String, String> labels) implements DockerRequest {
  public ImagePrune {
    labels = Map.copyOf(labels);
  }

  /** The engine's answer: docker's {@code untagged: …} / {@code deleted: …} lines and the bytes given back. */
  public record Pruned(List<String> lines, long reclaimedBytes) {
    public Pruned {
      lines = List.copyOf(lines);
    }
  }

  public static final CommandSpec<ImagePrune> SPEC = new CommandSpec<>() {
    @Override public Class<ImagePrune> type() { return ImagePrune.class; }
    @Override public Grammar<ImagePrune> grammar() { return new ImagePruneGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public ImagePrune probe() { return new ImagePrune(false, false, null, Map.of()); }

    @Override
    public void describe(ImagePrune r, Words w) {
      w.flag(r.all(), "-a").flag(r.force(), "-f");
      ContainerPrune.Filters.describe(r.until(), r.labels(), w);
    }

    @Override
    public String consequence(ImagePrune r, String target) {
      return "This will remove " + (r.all() ? "all images without at least one container" : "all dangling images")
          + (r.until() == null ? "" : ", created before " + r.until()) + (r.labels().isEmpty() ? "" : ", labelled " + r.labels()) + ".";
    }

    @Override
    public ContainerPrune.Pruned execute(ImagePrune r, Execution x) {
      if (!x.unrestricted()) {
        throw new EngineException(Failure.INVALID, "image prune: images serve every scope, and yours holds only some "
            + "containers; ask someone whose scope is unrestricted");
      }
      Map<String, List<String>> filters = new LinkedHashMap<>();
      if (r.until() != null) filters.put("until", List.of(Long.toString(r.until().getEpochSecond())));
      List<String> labels = new ArrayList<>();
      new java.util.TreeMap<>(r.labels()).forEach((k, v) -> labels.add(v.isEmpty() ? k : k + "=" + v));
      if (!labels.isEmpty()) filters.put("label", labels);
      Pruned p = x.engine().pruneImages(r.all(), filters);
      return new ContainerPrune.Pruned("Deleted Images", p.lines(), p.reclaimedBytes());
    }
  };

  @Command(name = "image prune", description = "Remove unused images (dangling ones unless -a).",
      customSynopsis = "image prune [-a] [-f] [--filter until=TIME] [--filter label=KEY[=VALUE]]...")
  static final class ImagePruneGrammar extends Grammar<ImagePrune> {
    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt (docker's prompt; Berth's confirmation is --yes or the button).")
    boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "until=TIME (e.g. 24h) or label=KEY[=VALUE]; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    public ImagePrune toRequest(ArgumentReader in) {
      ContainerPrune.Filters f = ContainerPrune.Filters.read(filters, in);
      return new ImagePrune(all, force, f.until(), f.labels());
    }
  }
}
