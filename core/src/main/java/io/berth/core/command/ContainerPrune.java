package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code container prune [-f] [--filter until=TIME] [--filter label=KEY[=VALUE]]...}: removes stopped
 * containers. The engine's own prune would remove every stopped container on the host, so Berth
 * lists them and removes, one by one and never forced, only those in the caller's scope: a scoped
 * user prunes their own containers and no one else's. A container started meanwhile is not
 * removed (the unforced removal refuses it), as with docker. Destructive, and confirmed by
 * default; {@code -f} only skips docker's own prompt (Berth's confirmation is policy: {@code --yes}).
 */
public record ContainerPrune(boolean force, Instant until, Map<String, String> labels) implements DockerRequest {
  public ContainerPrune {
    labels = Map.copyOf(labels);
  }

  /** docker's prune filters, shared by container and image prune: until=TIME, label=KEY[=VALUE]. */
  record Filters(Instant until, Map<String, String> labels) {
    static Filters read(List<String> given, ArgumentReader in) {
      Instant until = null;
      Map<String, String> labels = new java.util.LinkedHashMap<>();
      for (String f : given) {
        int eq = f.indexOf('=');
        String key = eq < 0 ? f : f.substring(0, eq);
        if (eq <= 0 || eq == f.length() - 1) throw in.error("bad filter \"" + f + "\"; write --filter until=24h or --filter label=KEY[=VALUE]");
        String value = f.substring(eq + 1);
        switch (key) {
          case "until" -> until = in.since("until", value);
          case "label" -> in.label(value, labels);
          default -> throw in.error("unsupported filter \"" + key + "\" in --filter " + f + " (known: until, label)");
        }
      }
      return new Filters(until, labels);
    }

    static void describe(Instant until, Map<String, String> labels, Words w) {
      if (until != null) w.option("--filter", "until=" + until);
      new java.util.TreeMap<>(labels).forEach((k, v) -> w.option("--filter", "label=" + k + (v.isEmpty() ? "" : "=" + v)));
    }

    /** docker's label filter: {@code label=KEY} asks for the key, {@code label=KEY=VALUE} for the value too. */
    static boolean matches(Map<String, String> wanted, Map<String, String> labels) {
      return wanted.entrySet().stream().allMatch(l -> labels.containsKey(l.getKey())
          && (l.getValue().isEmpty() || l.getValue().equals(labels.get(l.getKey()))));
    }
  }

  /** docker's report: the removed ids, then the space given back (SI units, as docker's). */
  public record Pruned(String title, List<String> deleted, long reclaimedBytes) implements Result {
    public Pruned {
      deleted = List.copyOf(deleted);
    }

    @Override
    public String text(PlainTextRenderer r) {
      StringBuilder sb = new StringBuilder();
      if (!deleted.isEmpty()) {
        sb.append(title).append(":\n");
        deleted.forEach(d -> sb.append(d).append('\n'));
        sb.append('\n');
      }
      return sb.append("Total reclaimed space: ").append(PlainTextRenderer.size(reclaimedBytes)).append('\n').toString();
    }
  }

  public static final CommandSpec<ContainerPrune> SPEC = new CommandSpec<>() {
    @Override public Class<ContainerPrune> type() { return ContainerPrune.class; }
    @Override public Grammar<ContainerPrune> grammar() { return new ContainerPruneGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public ContainerPrune probe() { return new ContainerPrune(false, null, Map.of()); }

    @Override
    public void describe(ContainerPrune r, Words w) {
      w.flag(r.force(), "-f");
      Filters.describe(r.until(), r.labels(), w);
    }

    @Override
    public String consequence(ContainerPrune r, String target) {
      return "This will remove all stopped containers you may act on"
          + (r.until() == null ? "" : ", created before " + r.until())
          + (r.labels().isEmpty() ? "" : ", labelled " + r.labels()) + ".";
    }

    @Override
    public Pruned execute(ContainerPrune r, Execution x) {
      List<String> deleted = new ArrayList<>();
      long reclaimed = 0;
      for (ContainerSummary c : x.engine().listContainers(true, List.of())) {
        if (c.running() || !x.inScope().test(c) || !Filters.matches(r.labels(), c.labels())) continue;
        if (r.until() != null && !c.created().isBefore(r.until())) continue;
        long size = x.engine().writableSize(c.id());
        try {
          x.engine().remove(c.id(), false, false);
        } catch (EngineException e) {
          if (e.kind() == Failure.CONFLICT || e.kind() == Failure.NOT_FOUND) continue; // started or removed meanwhile
          throw e;
        }
        deleted.add(c.id());
        reclaimed += size;
      }
      return new Pruned("Deleted Containers", deleted, reclaimed);
    }
  };

  @Command(name = "container prune", description = "Remove all stopped containers (within your scope).",
      customSynopsis = "container prune [-f] [--filter until=TIME] [--filter label=KEY[=VALUE]]...")
  static final class ContainerPruneGrammar extends Grammar<ContainerPrune> {
    @Option(names = {"-f", "--force"}, description = "Do not prompt (docker's prompt; Berth's confirmation is --yes or the button).")
    boolean force;

    @Option(names = "--filter", paramLabel = "KEY=VALUE", description = "until=TIME (e.g. 24h) or label=KEY[=VALUE]; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    public ContainerPrune toRequest(ArgumentReader in) {
      Filters f = Filters.read(filters, in);
      return new ContainerPrune(force, f.until(), f.labels());
    }
  }
}
