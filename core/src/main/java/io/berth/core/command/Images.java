package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import io.berth.core.result.ImageList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code images [-a] [-q] [--no-trunc] [--format FMT] [--filter KEY=VALUE]... [REPOSITORY[:TAG]]}: filters pass
 * through to the engine; REPOSITORY[:TAG] is one more {@code reference} filter, as docker's CLI sends it.
 */
public record Images(boolean all, boolean quiet, boolean noTrunc, String format, Map<String, List<String>> filters)
    implements DockerRequest {
  static final List<String> FILTERS = List.of("dangling", "reference", "label", "before", "since");

  public Images {
    filters = Map.copyOf(filters);
  }

  public Images(boolean all) {
    this(all, false, false, null, Map.of());
  }

  public static final CommandSpec<Images> SPEC = new CommandSpec<>() {
    @Override public Class<Images> type() { return Images.class; }
    @Override public Grammar<Images> grammar() { return new ImagesGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Images probe() { return new Images(false); }

    @Override
    public ImageList execute(Images r, Execution x) {
      return Ps.Formats.checked(new ImageList(x.engine().images(r.all(), r.filters()),
          new Listings.View(r.quiet(), r.noTrunc(), r.format())));
    }

    @Override
    public void describe(Images r, Words w) {
      w.flag(r.all(), "-a").flag(r.quiet(), "-q").flag(r.noTrunc(), "--no-trunc").optional("--format", r.format());
      new java.util.TreeMap<>(r.filters()).forEach((k, vs) -> vs.forEach(v -> w.option("--filter", k + "=" + v)));
    }
  };

  @Command(name = "images", description = "List images.",
      customSynopsis = "images [-a] [-q] [--no-trunc] [--format FORMAT] [--filter KEY=VALUE]... [REPOSITORY[:TAG]]")
  static final class ImagesGrammar extends Grammar<Images> {
    @Option(names = {"-a", "--all"}, description = "Include intermediate images.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only image ids.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Full image ids.")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.ID}} {{.Repository}} {{.Tag}} {{.CreatedSince}} {{.CreatedAt}} {{.Size}}; 'table …' adds headers.")
    String format;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
        description = "Filter by dangling=true|false, reference=PATTERN, label=K[=V], before=, since=; repeatable.")
    List<String> filters = new ArrayList<>();

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Only this repository (any tag unless given).")
    String repository;

    @Override
    public Images toRequest(ArgumentReader in) {
      Map<String, List<String>> fs = new LinkedHashMap<>();
      for (String f : filters) {
        int eq = f.indexOf('=');
        String key = eq < 0 ? f : f.substring(0, eq);
        if (eq < 0 || eq == f.length() - 1) throw in.error("bad filter \"" + f + "\"; write --filter KEY=VALUE (e.g. --filter dangling=true)");
        if (!FILTERS.contains(key)) {
          throw in.error("unsupported filter \"" + key + "\" in --filter " + f + " (known: " + String.join(", ", FILTERS) + ")");
        }
        fs.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
      }
      if (repository != null) fs.computeIfAbsent("reference", k -> new ArrayList<>()).add(in.reference("REPOSITORY[:TAG]", repository));
      return new Images(all, quiet, noTrunc, Ps.Formats.parsed(in, format), fs);
    }
  }
}
