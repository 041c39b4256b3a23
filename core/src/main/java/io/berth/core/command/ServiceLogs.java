package io.berth.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.engine.SwarmObject;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.ServiceLogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
      JsonNode service = Swarm.service(x, r.service());
      String id = service.path("ID").asText();
      int cap = x.limits().maxLogLines();
      List<ServiceLogLine> lines = x.engine().serviceLogs(id, r.tail(), r.since(), r.timestamps(), cap + 1);
      boolean truncated = lines.size() > cap;
      if (truncated) lines = lines.subList(lines.size() - cap, lines.size());
      Prefixes prefixes = new Prefixes(x, service);
      List<LogLine> out = new ArrayList<>();
      for (ServiceLogLine l : lines) {
        out.add(new LogLine(l.line().timestamp(), l.line().stream(), prefixes.of(l) + l.line().text()));
      }
      return new LogOutput(r.service(), out, truncated);
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

  /**
   * docker's per-line context ({@code cli/command/service/logs.go}): {@code SERVICE.SLOT.TASKID@NODE} (the task's
   * node id for a global service's slot, the task id cut to 12 characters, the node's hostname), padded so the slots
   * of a replicated service line up, then {@code "    | "}. The tasks and nodes are read once per command.
   */
  static final class Prefixes {
    private final String serviceName;
    private final int padding;
    private final Map<String, JsonNode> tasks = new HashMap<>();
    private final Map<String, String> hostnames = new HashMap<>();

    Prefixes(Execution x, JsonNode service) {
      this(service, Swarm.list(x, SwarmObject.TASK, Map.of("service", List.of(service.path("ID").asText()))),
          Swarm.list(x, SwarmObject.NODE, Map.of()));
    }

    Prefixes(JsonNode service, List<JsonNode> tasks, List<JsonNode> nodes) {
      this.serviceName = service.path("Spec").path("Name").asText();
      JsonNode replicated = service.path("Spec").path("Mode").path("Replicated");
      this.padding = replicated.isMissingNode() ? 0 : digits(replicated.path("Replicas").asInt(0));
      tasks.forEach(t -> this.tasks.put(t.path("ID").asText(), t));
      nodes.forEach(n -> hostnames.put(n.path("ID").asText(), n.path("Description").path("Hostname").asText()));
    }

    String of(ServiceLogLine l) {
      if (l.taskId().isEmpty()) return "";
      JsonNode task = tasks.get(l.taskId());
      int slot = task == null ? 0 : task.path("Slot").asInt(0);
      String name = serviceName + "." + (slot > 0 ? Integer.toString(slot) : l.nodeId()) + "."
          + (l.taskId().length() > 12 ? l.taskId().substring(0, 12) : l.taskId());
      String pad = " ".repeat(Math.max(0, padding - digits(slot)));
      return name + "@" + hostnames.getOrDefault(l.nodeId(), l.nodeId()) + pad + "    | ";
    }

    private static int digits(int n) {
      return Integer.toString(Math.max(n, 0)).length();
    }
  }
}
