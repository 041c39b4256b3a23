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

/** {@code service logs [--tail N] [--since WHEN] [-t] SERVICE}: every task's lines, bounded as a container's log. */
public record ServiceLogs(String service, Integer tail, Instant since, boolean timestamps) implements DockerRequest {
  public static final CommandSpec<ServiceLogs> SPEC = new CommandSpec<>() {
    @Override public Class<ServiceLogs> type() { return ServiceLogs.class; }
    @Override public Grammar<ServiceLogs> grammar() { return new ServiceLogsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public ServiceLogs probe() { return new ServiceLogs("probe", 0, null, false); }
    @Override public String target(ServiceLogs r) { return r.service(); }

    @Override
    public void describe(ServiceLogs l, Words w) {
      w.optional("--tail", l.tail()).optional("--since", l.since()).flag(l.timestamps(), "-t").add(l.service());
    }

    @Override
    public LogOutput execute(ServiceLogs r, Execution x) {
      String id = Swarm.service(x, r.service()).path("ID").asText();
      int cap = x.limits().maxLogLines();
      List<LogLine> lines = x.engine().serviceLogs(id, r.tail(), r.since(), r.timestamps(), cap + 1);
      boolean truncated = lines.size() > cap;
      return new LogOutput(r.service(), truncated ? lines.subList(lines.size() - cap, lines.size()) : lines, truncated);
    }
  };

  @Command(name = "service logs", description = "Show a Swarm service's log, all tasks (the newest lines are kept).",
      customSynopsis = "service logs [--tail N] [--since 10m|TIMESTAMP] [-t] SERVICE")
  static final class ServiceLogsGrammar extends Grammar<ServiceLogs> {
    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines of each task (or \"all\").")
    String tail;

    @Option(names = "--since", paramLabel = "WHEN", description = "Since a duration ago (10m), an RFC 3339 timestamp or unix seconds.")
    String since;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its timestamp.")
    boolean timestamps;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name or id.")
    String service;

    @Override
    public ServiceLogs toRequest(ArgumentReader in) {
      return new ServiceLogs(in.reference("SERVICE", service), in.tail(tail), in.since("--since", since), timestamps);
    }
  }
}
