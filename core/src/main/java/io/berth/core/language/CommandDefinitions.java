package io.berth.core.language;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.AuditQuery;
import io.berth.core.command.Build;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Help;
import io.berth.core.command.Images;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Pull;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Rmi;
import io.berth.core.command.Run;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;
import io.berth.core.model.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The picocli definitions of every command: the same classes parse text and generate help.
 * Values are read as text and converted by {@link ArgumentReader} so errors say what to fix.
 */
final class CommandDefinitions {
  private CommandDefinitions() {}

  /** A command's flags and arguments, once parsed, become one request. */
  abstract static class Definition {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    abstract DockerRequest toRequest(ArgumentReader in);

    /** True for commands whose first positional ends the flags (the rest is the container's command). */
    boolean stopsAtPositional() {
      return false;
    }
  }

  /**
   * {@code run IMAGE -- CMD}: a {@code --} right after IMAGE/CONTAINER only separates, nobody wants
   * "--" as the program to start, so it is dropped (docker would pass it through and fail).
   */
  static List<String> withoutLeadingDashes(List<String> command) {
    return !command.isEmpty() && command.get(0).equals("--") ? command.subList(1, command.size()) : command;
  }

  /** Fresh definition objects by name, in help order (picocli fills fields, so one per parse). */
  static final Map<String, Supplier<Definition>> ALL = all();

  private static Map<String, Supplier<Definition>> all() {
    Map<String, Supplier<Definition>> m = new LinkedHashMap<>();
    m.put("ps", PsCmd::new);
    m.put("logs", LogsCmd::new);
    m.put("inspect", InspectCmd::new);
    m.put("stats", StatsCmd::new);
    m.put("images", ImagesCmd::new);
    m.put("start", StartCmd::new);
    m.put("stop", StopCmd::new);
    m.put("restart", RestartCmd::new);
    m.put("run", RunCmd::new);
    m.put("exec", ExecCmd::new);
    m.put("rm", RmCmd::new);
    m.put("pull", PullCmd::new);
    m.put("build", BuildCmd::new);
    m.put("rmi", RmiCmd::new);
    m.put("audit", AuditCmd::new);
    m.put("help", HelpCmd::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  @Command(name = "ps", description = "List containers (running ones unless -a).",
      customSynopsis = "ps [-a] [--filter KEY=VALUE]...")
  static final class PsCmd extends Definition {
    @Option(names = {"-a", "--all"}, description = "Show all containers, not only running ones.")
    boolean all;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
        description = "Filter by label=K[=V], name=NAME or status=STATE; repeatable.")
    List<String> filters = new ArrayList<>();

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      List<Ps.Filter> fs = new ArrayList<>();
      for (String f : filters) {
        int eq = f.indexOf('=');
        String key = eq < 0 ? f : f.substring(0, eq);
        if (eq < 0 || eq == f.length() - 1) throw in.error("bad filter \"" + f + "\"; write --filter KEY=VALUE (e.g. --filter status=exited)");
        if (!List.of("label", "name", "status").contains(key)) {
          throw in.error("unsupported filter \"" + key + "\" in --filter " + f + " (known: label, name, status)");
        }
        fs.add(new Ps.Filter(key, f.substring(eq + 1)));
      }
      return new Ps(all, fs);
    }
  }

  @Command(name = "logs", description = "Show a container's log (the newest lines are kept).",
      customSynopsis = "logs [--tail N] [--since 10m|TIMESTAMP] [-t] CONTAINER")
  static final class LogsCmd extends Definition {
    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines (or \"all\").")
    String tail;

    @Option(names = "--since", paramLabel = "WHEN", description = "Since a duration ago (45s, 10m, 1h30m) or an RFC 3339 timestamp.")
    String since;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its timestamp.")
    boolean timestamps;

    @Option(names = {"-f", "--follow"}, description = "Not in chat: use the web console's live log view.")
    boolean follow;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      if (follow) throw in.error("--follow is not available here; open the container in the web console to follow its log, or use --tail");
      return new Logs(in.reference("CONTAINER", container), in.tail(tail), in.since("--since", since), timestamps);
    }
  }

  @Command(name = "inspect", description = "Show a container's configuration and state.", customSynopsis = "inspect CONTAINER")
  static final class InspectCmd extends Definition {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Inspect(in.reference("CONTAINER", container));
    }
  }

  @Command(name = "stats", description = "One snapshot of a container's CPU and memory.", customSynopsis = "stats CONTAINER")
  static final class StatsCmd extends Definition {
    @Option(names = "--no-stream", description = "Accepted for docker compatibility; stats is always one snapshot.")
    boolean noStream;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Stats(in.reference("CONTAINER", container));
    }
  }

  @Command(name = "images", description = "List images.", customSynopsis = "images [-a]")
  static final class ImagesCmd extends Definition {
    @Option(names = {"-a", "--all"}, description = "Include intermediate images.")
    boolean all;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Images(all);
    }
  }

  @Command(name = "start", description = "Start a stopped container.", customSynopsis = "start CONTAINER")
  static final class StartCmd extends Definition {
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Start(in.reference("CONTAINER", container));
    }
  }

  @Command(name = "stop", description = "Stop a running container (SIGTERM, then SIGKILL after the timeout).",
      customSynopsis = "stop [-t SECONDS] CONTAINER")
  static final class StopCmd extends Definition {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing it.")
    String time;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Stop(in.reference("CONTAINER", container), in.nonNegative("-t", time));
    }
  }

  @Command(name = "restart", description = "Restart a container.", customSynopsis = "restart [-t SECONDS] CONTAINER")
  static final class RestartCmd extends Definition {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing it.")
    String time;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Restart(in.reference("CONTAINER", container), in.nonNegative("-t", time));
    }
  }

  @Command(name = "run", description = "Create and start a container from an image (pulled if missing).",
      customSynopsis = "run [-d] [--name NAME] [-p [IP:]HOST:CTR[/PROTO]]... [-e KEY=VALUE]... [-l KEY=VALUE]... "
          + "[-v SOURCE:/PATH[:ro]]... [--restart POLICY] [--rm] IMAGE [COMMAND [ARG...]]")
  static final class RunCmd extends Definition {
    @Option(names = {"-d", "--detach"}, description = "Run in the background and print the container id.")
    boolean detach;

    @Option(names = "--name", paramLabel = "NAME", description = "Container name.")
    String name;

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:]HOST:CTR", description = "Publish a port; repeatable.")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable (masked in the audit trail); repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Set a label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "SOURCE:/PATH[:ro]", description = "Mount a named volume (host paths need policy); repeatable.")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--restart", paramLabel = "POLICY", description = "no, always, unless-stopped or on-failure[:N].")
    String restart;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean autoRemove;

    @Option(names = "--privileged", description = "Full host privileges (refused unless the policy allows).")
    boolean privileged;

    @Option(names = {"--network", "--net"}, paramLabel = "NETWORK", description = "Network (\"host\" needs policy).")
    String network;

    @Option(names = "--pid", paramLabel = "MODE", description = "PID namespace (\"host\" needs policy).")
    String pid;

    @Option(names = "--ipc", paramLabel = "MODE", description = "IPC namespace (\"host\" needs policy).")
    String ipc;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add a Linux capability (needs policy); repeatable.")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--device", paramLabel = "DEVICE", description = "Expose a host device (needs policy); repeatable.")
    List<String> devices = new ArrayList<>();

    @Option(names = {"-i", "--interactive"}, hidden = true)
    boolean interactive;

    @Option(names = {"-t", "--tty"}, hidden = true)
    boolean tty;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image to run, e.g. localhost:5000/web:1.")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments for the container.")
    List<String> command = new ArrayList<>();

    @Override
    boolean stopsAtPositional() {
      return true;
    }

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      if (interactive || tty) {
        throw in.error("-i/-t (interactive terminal) is not available here; drop them, and use -d to run in the background");
      }
      List<Run.PortBinding> ps = ports.stream().map(in::port).toList();
      List<Run.EnvVar> es = env.stream().map(in::env).toList();
      Map<String, String> ls = new LinkedHashMap<>();
      labels.forEach(l -> in.label(l, ls));
      List<Run.VolumeMount> vs = volumes.stream().map(in::volume).toList();
      if (autoRemove && restart != null && !restart.equals("no")) {
        throw in.error("--rm and --restart " + restart + " conflict; drop one of them");
      }
      Run.HostAccess host = new Run.HostAccess(privileged, in.namespace("--network", network), in.namespace("--pid", pid),
          in.namespace("--ipc", ipc), capAdd, devices);
      return new Run(in.reference("IMAGE", image), in.name(name), detach, ps, es, ls, vs, in.restart(restart), autoRemove,
          withoutLeadingDashes(command), host);
    }
  }

  @Command(name = "exec", description = "Run a command in a running container (non-interactive, time-limited).",
      customSynopsis = "exec [-e KEY=VALUE]... [-w DIR] CONTAINER COMMAND [ARG...]")
  static final class ExecCmd extends Definition {
    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable (masked in the audit trail); repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-i", "--interactive"}, hidden = true)
    boolean interactive;

    @Option(names = {"-t", "--tty"}, hidden = true)
    boolean tty;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "Command and arguments.")
    List<String> command = new ArrayList<>();

    @Override
    boolean stopsAtPositional() {
      return true;
    }

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      if (interactive || tty) throw in.error("-i/-t (interactive terminal) is not available here; drop them");
      if (workdir != null && !workdir.startsWith("/")) throw in.error("-w " + workdir + " must be an absolute path (start with /)");
      List<String> cmd = withoutLeadingDashes(command);
      if (cmd.isEmpty()) throw in.error("missing COMMAND after --; e.g. exec " + container + " -- ls -l");
      return new Exec(in.reference("CONTAINER", container), cmd, env.stream().map(in::env).toList(), workdir);
    }
  }

  @Command(name = "rm", description = "Remove a container (a running one only with -f).", customSynopsis = "rm [-f] [-v] CONTAINER")
  static final class RmCmd extends Definition {
    @Option(names = {"-f", "--force"}, description = "Remove even if running (kills it).")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Also remove its anonymous volumes.")
    boolean volumes;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Rm(in.reference("CONTAINER", container), force, volumes);
    }
  }

  @Command(name = "pull", description = "Pull an image, showing progress.", customSynopsis = "pull IMAGE[:TAG]")
  static final class PullCmd extends Definition {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image reference, e.g. localhost:5000/hello-world:latest.")
    String image;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Pull(in.reference("IMAGE", image));
    }
  }

  @Command(name = "build", description = "Build an image from a directory under a configured build root.",
      customSynopsis = "build -t NAME[:TAG] CONTEXT")
  static final class BuildCmd extends Definition {
    @Option(names = {"-t", "--tag"}, required = true, paramLabel = "NAME[:TAG]", description = "Name (and tag) of the image.")
    String tag;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "Directory with a Dockerfile, under a build root.")
    String context;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Build(in.reference("NAME:TAG", tag), new Build.Directory(in.reference("CONTEXT", context)));
    }
  }

  @Command(name = "rmi", description = "Remove an image.", customSynopsis = "rmi [-f] IMAGE")
  static final class RmiCmd extends Definition {
    @Option(names = {"-f", "--force"}, description = "Remove even if containers use it.")
    boolean force;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image reference or id.")
    String image;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Rmi(in.reference("IMAGE", image), force);
    }
  }

  @Command(name = "audit", description = "Show who did what (newest first).",
      customSynopsis = "audit [--user U] [--source S] [--action A] [--target T] [--outcome O] [--since WHEN] [--limit N] [TEXT]")
  static final class AuditCmd extends Definition {
    @Option(names = "--user", paramLabel = "USER", description = "Berth user name.")
    String user;

    @Option(names = "--source", paramLabel = "SOURCE", description = "slack, discord, web or cli.")
    String source;

    @Option(names = "--action", paramLabel = "ACTION", description = "Command name, e.g. rm.")
    String action;

    @Option(names = "--target", paramLabel = "TARGET", description = "Container, image or tag.")
    String target;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "requested, succeeded, failed, denied, confirmation_required, interrupted.")
    String outcome;

    @Option(names = "--since", paramLabel = "WHEN", description = "A duration ago (10m, 2h) or an RFC 3339 timestamp.")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (1..500, default 20).")
    String limit;

    @Parameters(index = "0..*", paramLabel = "TEXT", description = "Text to find in the command, target or message.")
    List<String> text = new ArrayList<>();

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      Source src = null;
      if (source != null) {
        try {
          src = Source.valueOf(source.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw in.error("unknown --source \"" + source + "\" (known: slack, discord, web, cli)");
        }
      }
      AuditOutcome out = null;
      if (outcome != null) {
        try {
          out = AuditOutcome.fromId(outcome.replace('-', '_'));
        } catch (IllegalArgumentException e) {
          throw in.error("unknown --outcome \"" + outcome + "\" (known: requested, succeeded, failed, denied, "
              + "confirmation_required, interrupted)");
        }
      }
      String t = text.isEmpty() ? null : String.join(" ", text);
      AuditFilter f = new AuditFilter(user, src, action, target, out, in.since("--since", since), null, t, null);
      return new AuditQuery(f, in.limit(limit));
    }
  }

  @Command(name = "help", description = "List the commands, or show one command's flags.", customSynopsis = "help [COMMAND]")
  static final class HelpCmd extends Definition {
    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", description = "A command name.")
    String topic;

    @Override
    DockerRequest toRequest(ArgumentReader in) {
      return new Help(topic == null ? null : topic.toLowerCase(Locale.ROOT));
    }
  }
}
