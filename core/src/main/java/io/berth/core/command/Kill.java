package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kill [-s SIGNAL] CONTAINER...}: sends SIGNAL (KILL unless given) to running containers.
 * {@code signal} is canonical: {@code SIGNAME} or a number, as docker's own parser accepts them.
 */
public record Kill(String signal, List<String> containers) implements DockerRequest {
  /** Linux signal names docker accepts (moby/sys/signal), without the SIG prefix. */
  private static final Pattern NAME = Pattern.compile("ABRT|ALRM|BUS|CHLD|CLD|CONT|FPE|HUP|ILL|INT|IO|IOT|KILL|PIPE|POLL"
      + "|PROF|PWR|QUIT|SEGV|STKFLT|STOP|SYS|TERM|TRAP|TSTP|TTIN|TTOU|URG|USR1|USR2|VTALRM|WINCH|XCPU|XFSZ"
      + "|RTMIN(\\+([1-9]|1[0-5]))?|RTMAX(-([1-9]|1[0-4]))?");

  public Kill {
    signal = signal(signal);
    containers = List.copyOf(containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("kill needs a CONTAINER");
  }

  /** docker's signal grammar: a number 1..64, or a name with or without SIG, any case; KILL when absent. */
  static String signal(String given) {
    if (given == null) return "SIGKILL";
    String s = given.strip().toUpperCase(Locale.ROOT);
    if (s.matches("\\d{1,2}") && Integer.parseInt(s) >= 1 && Integer.parseInt(s) <= 64) return String.valueOf(Integer.parseInt(s));
    String name = s.startsWith("SIG") ? s.substring(3) : s;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad signal \"" + given + "\"; use a name such as KILL, TERM, HUP, USR1 or a number 1..64");
    }
    return "SIG" + name;
  }

  /** The containers that got the signal, by name, one per line as docker prints them. */
  public record Killed(List<String> names) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return String.join("\n", names) + "\n";
    }
  }

  public static final CommandSpec<Kill> SPEC = new CommandSpec<>() {
    @Override public Class<Kill> type() { return Kill.class; }
    @Override public Grammar<Kill> grammar() { return new KillGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Kill probe() { return new Kill(null, List.of("probe")); }
    @Override public List<String> containers(Kill r) { return r.containers(); }
    @Override public Kill pin(Kill r, List<String> ids) { return new Kill(r.signal(), ids); }

    @Override
    public void describe(Kill r, Words w) {
      if (!r.signal().equals("SIGKILL")) w.option("-s", r.signal());
      w.addAll(r.containers());
    }

    @Override
    public String consequence(Kill r, String target) {
      return "This will send " + r.signal() + " to container " + target + ".";
    }

    /** Like docker: every container is tried; any failure fails the command, naming what did happen. */
    @Override
    public Killed execute(Kill r, Execution x) {
      List<String> killed = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      EngineException first = null;
      for (String id : r.containers()) {
        String name = x.nameOf(id);
        try {
          x.engine().kill(id, r.signal());
          killed.add(name);
        } catch (EngineException e) {
          if (first == null) first = e;
          errors.add(e.getMessage());
        }
      }
      if (first != null) {
        throw new EngineException(first.kind(), String.join("; ", errors)
            + (killed.isEmpty() ? "" : " (killed: " + String.join(", ", killed) + ")"));
      }
      return new Killed(killed);
    }
  };

  @Command(name = "kill", description = "Send a signal (KILL unless -s) to running containers.",
      customSynopsis = "kill [-s SIGNAL] CONTAINER...")
  static final class KillGrammar extends Grammar<Kill> {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "Signal name or number (default KILL).")
    String signal;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Kill toRequest(ArgumentReader in) {
      return new Kill(signal, containers.stream().map(c -> in.reference("CONTAINER", c)).toList());
    }
  }
}
