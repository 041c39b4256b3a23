package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ps [-a] [--filter KEY=VALUE]...}: filters are label=, name=, status=. */
public record Ps(boolean all, List<Filter> filters) implements DockerRequest {
  public Ps {
    filters = List.copyOf(filters);
  }

  public static Ps running() {
    return new Ps(false, List.of());
  }

  /** One {@code --filter key=value} pair. */
  public record Filter(String key, String value) {
    public Filter {
      if (!List.of("label", "name", "status").contains(key)) {
        throw new IllegalArgumentException(
            "unsupported filter \"" + key + "\" (supported: label, name, status)");
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
      List<ContainerSummary> all = x.engine().listContainers(ps.all(), ps.filters());
      return new ContainerList(all.stream().filter(x.inScope()).toList());
    }

    @Override
    public void describe(Ps p, Words w) {
      w.flag(p.all(), "-a");
      p.filters().forEach(f -> w.option("--filter", f.key() + "=" + f.value()));
    }
  };

  @Command(name = "ps", description = "List containers (running ones unless -a).",
      customSynopsis = "ps [-a] [--filter KEY=VALUE]...")
  static final class PsGrammar extends Grammar<Ps> {
    @Option(names = {"-a", "--all"}, description = "Show all containers, not only running ones.")
    boolean all;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
        description = "Filter by label=K[=V], name=NAME or status=STATE; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    public Ps toRequest(ArgumentReader in) {
      List<Filter> fs = new ArrayList<>();
      for (String f : filters) {
        int eq = f.indexOf('=');
        String key = eq < 0 ? f : f.substring(0, eq);
        if (eq < 0 || eq == f.length() - 1) throw in.error("bad filter \"" + f + "\"; write --filter KEY=VALUE (e.g. --filter status=exited)");
        if (!List.of("label", "name", "status").contains(key)) {
          throw in.error("unsupported filter \"" + key + "\" in --filter " + f + " (known: label, name, status)");
        }
        fs.add(new Filter(key, f.substring(eq + 1)));
      }
      return new Ps(all, fs);
    }
  }
}
