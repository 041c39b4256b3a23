package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logs [--tail N] [--since DURATION|TIMESTAMP] [--timestamps] CONTAINER}. A null tail
 * means all lines (the core still caps what it returns); a null since means from the start.
 */
public record Logs(String container, Integer tail, Instant since, boolean timestamps)
    implements DockerRequest {
  public Logs {
    if (tail != null && tail < 0) throw new IllegalArgumentException("--tail must be >= 0");
  }

  public static final CommandSpec<Logs> SPEC = new CommandSpec<>() {
    @Override public Class<Logs> type() { return Logs.class; }
    @Override public Grammar<Logs> grammar() { return new LogsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Logs probe() { return new Logs("", 0, null, false); }
    @Override public List<String> containers(Logs r) { return List.of(r.container()); }

    @Override
    public Logs pin(Logs r, List<String> ids) {
      return new Logs(ids.get(0), r.tail(), r.since(), r.timestamps());
    }

    @Override
    public LogOutput execute(Logs s, Execution x) {
      int cap = x.limits().maxLogLines();
      List<LogLine> lines = x.engine().logs(s.container(), s.tail(), s.since(), s.timestamps(), cap + 1);
      boolean truncated = lines.size() > cap;
      return new LogOutput(x.nameOf(s.container()), truncated ? lines.subList(lines.size() - cap, lines.size()) : lines,
          truncated);
    }

    @Override
    public void describe(Logs l, Words w) {
      w.optional("--tail", l.tail()).optional("--since", l.since()).flag(l.timestamps(), "-t").add(l.container());
    }
  };

  @Command(name = "logs", description = "Show a container's log (the newest lines are kept).",
      customSynopsis = "logs [--tail N] [--since 10m|TIMESTAMP] [-t] CONTAINER")
  static final class LogsGrammar extends Grammar<Logs> {
    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines (or \"all\").")
    String tail;

    @Option(names = "--since", paramLabel = "WHEN",
        description = "Since a duration ago (45s, 10m, 1h30m), an RFC 3339 timestamp or unix seconds.")
    String since;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its timestamp.")
    boolean timestamps;

    @Option(names = {"-f", "--follow"}, description = "Not in chat: use the web console's live log view.")
    boolean follow;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    public Logs toRequest(ArgumentReader in) {
      if (follow) throw in.error("--follow is not available here; open the container in the web console to follow its log, or use --tail");
      return new Logs(in.reference("CONTAINER", container), in.tail(tail), in.since("--since", since), timestamps);
    }
  }
}
