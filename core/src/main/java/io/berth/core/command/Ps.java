package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.DockerFormat;
import io.berth.core.render.GoTemplate;
import io.berth.core.render.Listings;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ps [-a] [-q] [-n N | -l] [--no-trunc] [--format FMT] [--filter KEY=VALUE]...}: the
 * engine's filters (label, name, status, ancestor, id, exited, health, …) pass through to it.
 */
public record Ps(boolean all, List<Filter> filters, boolean quiet, Integer last, boolean noTrunc, String format,
    boolean size) implements DockerRequest {
  /** The filters docker ps takes (the engine checks their values). */
  static final List<String> FILTERS = List.of("label", "name", "status", "ancestor", "id", "exited", "health", "before",
      "since", "volume", "network", "publish", "expose", "is-task");

  public Ps {
    filters = List.copyOf(filters);
    if (last != null && last < 0) last = null; // docker: -n -1 means no limit
  }

  public Ps(boolean all, List<Filter> filters) {
    this(all, filters, false, null, false, null, false);
  }

  public Ps(boolean all, List<Filter> filters, boolean quiet, Integer last, boolean noTrunc, String format) {
    this(all, filters, quiet, last, noTrunc, format, false);
  }

  /**
   * docker asks the engine for sizes with {@code -s}, and when a format uses {@code .Size}: it finds out
   * by running the template, so {@code json .} (which prints every field) asks too, the {@code json}
   * keyword (a format, not a template) does not.
   */
  public boolean withSizes() {
    return size || (format != null && (format.contains(".Size") || JSON_OF_ROW.matcher(format).find()));
  }

  private static final java.util.regex.Pattern JSON_OF_ROW = java.util.regex.Pattern.compile("\\{\\{-?\\s*json\\s+\\.\\s*-?}}");

  public static Ps running() {
    return new Ps(false, List.of());
  }

  /** One {@code --filter key=value} pair. */
  public record Filter(String key, String value) {
    public Filter {
      if (!FILTERS.contains(key)) {
        throw new IllegalArgumentException("unsupported filter \"" + key + "\" (supported: " + String.join(", ", FILTERS) + ")");
      }
    }
  }

  public static final CommandSpec<Ps> SPEC = new CommandSpec<>() {
    @Override public Class<Ps> type() { return Ps.class; }
    @Override public Grammar<Ps> grammar() { return new PsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Ps probe() { return running(); }

    @Override
    public ContainerList execute(Ps ps, Execution x) {
      // -n/-l list every state, newest first (the engine's order), as docker does
      List<ContainerSummary> all = x.engine().listContainers(ps.all() || ps.last() != null, ps.filters(),
          ps.withSizes() && !ps.quiet());
      List<ContainerSummary> visible = all.stream().filter(x.inScope()).toList();
      if (ps.last() != null) visible = visible.stream().limit(ps.last()).toList();
      ContainerList list = new ContainerList(visible, new Listings.View(ps.quiet(), ps.noTrunc(), ps.format(), ps.size()));
      return Formats.checked(list);
    }

    @Override
    public void describe(Ps p, Words w) {
      w.flag(p.all(), "-a").flag(p.quiet(), "-q").optional("-n", p.last()).flag(p.noTrunc(), "--no-trunc").flag(p.size(), "-s")
          .optional("--format", p.format());
      p.filters().forEach(f -> w.option("--filter", f.key() + "=" + f.value()));
    }
  };

  @Command(name = "ps", description = "List containers (running ones unless -a).",
      customSynopsis = "ps [-a] [-q] [-s] [-n N | -l] [--no-trunc] [--format FORMAT] [--filter KEY=VALUE]...")
  static final class PsGrammar extends Grammar<Ps> {
    @Option(names = {"-a", "--all"}, description = "Show all containers, not only running ones.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only container ids.")
    boolean quiet;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "The N most recently created containers (all states).")
    String last;

    @Option(names = {"-l", "--latest"}, description = "The most recently created container (all states).")
    boolean latest;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes (writable layer, and the whole with its image).")
    boolean size;

    @Option(names = "--no-trunc", description = "Full ids and commands.")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.ID}} {{.Image}} {{.Command}} {{.CreatedAt}} {{.RunningFor}} {{.Ports}} {{.State}} "
            + "{{.Status}} {{.Names}} {{.Labels}} {{.Size}} {{.Label \"k\"}}; 'table …' adds headers; 'json' one object per line.")
    String format;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
        description = "Filter by label=K[=V], name=, status=, ancestor=, id=, exited=, health=, …; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    public Ps toRequest(ArgumentReader in) {
      List<Filter> fs = new ArrayList<>();
      for (String f : filters) {
        int eq = f.indexOf('=');
        String key = eq < 0 ? f : f.substring(0, eq);
        if (eq < 0 || eq == f.length() - 1) throw in.error("bad filter \"" + f + "\"; write --filter KEY=VALUE (e.g. --filter status=exited)");
        if (!FILTERS.contains(key)) {
          throw in.error("unsupported filter \"" + key + "\" in --filter " + f + " (known: " + String.join(", ", FILTERS) + ")");
        }
        fs.add(new Filter(key, f.substring(eq + 1)));
      }
      Integer n = latest ? Integer.valueOf(1) : last == null ? null : in.nonNegative("-n", last);
      return new Ps(all, fs, quiet, n, noTrunc, Formats.parsed(in, format), size);
    }
  }

  /** Shared by the listing commands: a format is checked when parsed and again against real rows. */
  static final class Formats {
    private Formats() {}

    static String parsed(ArgumentReader in, String format) {
      if (format == null) return null;
      try {
        DockerFormat.compile(format);
      } catch (GoTemplate.TemplateException e) {
        throw in.error("template parsing error: " + e.getMessage());
      }
      return format;
    }

    /** Renders once, so a field the rows lack fails as the command's error, not in a surface. */
    static <R extends io.berth.core.result.Result> R checked(R result) {
      try {
        result.text(new io.berth.core.render.PlainTextRenderer());
      } catch (GoTemplate.TemplateException e) {
        throw new EngineException(Failure.INVALID, "template parsing error: " + e.getMessage());
      }
      return result;
    }
  }
}
