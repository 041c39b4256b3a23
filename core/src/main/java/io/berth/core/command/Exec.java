package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.language.SecretMasking;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exec [-e K=V] [-w DIR] [-u USER[:GROUP]] [-i] [-t] CONTAINER CMD...}: without {@code -i}/{@code -t}
 * non-interactive, bounded by time and size. {@code -u} is under the same guard as {@code run -u}
 * ({@code policy.run.allowRootUser}). With {@code -i} (stdin open) or {@code -t} (a TTY) it is an interactive
 * session: a surface with a terminal opens it through {@code CommandService.openTerminal} (recorded; the CLI, the
 * console's Terminal tab); elsewhere (chat) it is refused with where to go instead.
 */
public record Exec(String container, List<String> command, List<Run.EnvVar> env, String workdir, String user,
    boolean interactive, boolean tty) implements DockerRequest {
  public Exec {
    command = List.copyOf(command);
    env = List.copyOf(env);
    if (command.isEmpty()) throw new IllegalArgumentException("exec needs a COMMAND");
  }

  public Exec(String container, List<String> command, List<Run.EnvVar> env, String workdir) {
    this(container, command, env, workdir, null);
  }

  public Exec(String container, List<String> command, List<Run.EnvVar> env, String workdir, String user) {
    this(container, command, env, workdir, user, false, false);
  }

  /** True for {@code -i} or {@code -t}: a session with stdin open, not one bounded command. */
  public boolean session() {
    return interactive || tty;
  }

  public static final CommandSpec<Exec> SPEC = new CommandSpec<>() {
    @Override public Class<Exec> type() { return Exec.class; }
    @Override public Grammar<Exec> grammar() { return new ExecGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public Exec probe() { return new Exec("", List.of("true"), List.of(), null); }
    @Override public List<String> containers(Exec r) { return List.of(r.container()); }
    @Override public Exec pin(Exec r, List<String> ids) { return new Exec(ids.get(0), r.command(), r.env(), r.workdir(), r.user(), r.interactive(), r.tty()); }

    @Override
    public String consequence(Exec r, String target) {
      return "This will run \"" + String.join(" ", r.command()) + "\" inside container " + target + ".";
    }

    @Override
    public void describe(Exec e, Words w) {
      e.env().forEach(v -> w.option("-e", SecretMasking.maskAssignment(v.key() + "=")));
      w.optional("-w", e.workdir()).optional("-u", e.user());
      if (e.session()) w.add("-" + (e.interactive() ? "i" : "") + (e.tty() ? "t" : ""));
      w.add(e.container()).addAll(e.command());
    }

    @Override
    public ExecOutput execute(Exec s, Execution x) {
      if (s.session()) {
        // only a surface with a terminal or a stdin can carry a session (it opens it through
        // CommandService.openTerminal): the console's Terminal tab, the CLI
        throw new io.berth.core.engine.EngineException(io.berth.core.result.Failure.INVALID, "exec -i/-t needs a "
            + "terminal or a stdin: open the container's Terminal tab in the console, run ./berth docker exec -it on a "
            + "terminal, or pipe into ./berth docker exec -i");
      }
      Map<String, String> env = new LinkedHashMap<>();
      s.env().forEach(e -> env.put(e.key(), e.value()));
      return x.engine().exec(s.container(), s.command(), env, s.workdir(), s.user(), x.limits().execTimeout(),
          x.limits().maxOutputBytes(), chunk -> x.progress().on(new Progress.Printed(chunk)));
    }
  };

  @Command(name = "exec", description = "Run a command in a running container (time-limited; -it: an interactive, recorded session on a terminal).",
      customSynopsis = "exec [-e KEY=VALUE]... [-w DIR] [-u USER[:GROUP]] [-i] [-t] CONTAINER COMMAND [ARG...]")
  static final class ExecGrammar extends Grammar<Exec> {
    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable (masked in the audit trail); repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]",
        description = "User (name or uid) to run as; root, uid 0 and names need policy.run.allowRootUser.")
    String user;

    @Option(names = {"-i", "--interactive"}, description = "Keep stdin open (a terminal session: CLI and console only).")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY (a terminal session: CLI and console only).")
    boolean tty;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Container name or id.")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "Command and arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public boolean stopsAtPositional() {
      return true;
    }

    @Override
    public Exec toRequest(ArgumentReader in) {
      if (workdir != null && !workdir.startsWith("/")) throw in.error("-w " + workdir + " must be an absolute path (start with /)");
      List<String> cmd = withoutLeadingDashes(command);
      if (cmd.isEmpty()) throw in.error("missing COMMAND after --; e.g. exec " + container + " -- ls -l");
      return new Exec(in.reference("CONTAINER", container), cmd, env.stream().map(in::env).toList(), workdir,
          in.user(user), interactive, tty);
    }
  }
}
