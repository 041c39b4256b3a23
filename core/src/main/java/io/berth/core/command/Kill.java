package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.ContainerChanged;
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
public record Kill(String signal, List<String> containers, List<String> given) implements DockerRequest {
  /** Linux signal names docker accepts (moby/sys/signal), without the SIG prefix. */
  private static final Pattern NAME = Pattern.compile("ABRT|ALRM|BUS|CHLD|CLD|CONT|FPE|HUP|ILL|INT|IO|IOT|KILL|PIPE|POLL"
      + "|PROF|PWR|QUIT|SEGV|STKFLT|STOP|SYS|TERM|TRAP|TSTP|TTIN|TTOU|URG|USR1|USR2|VTALRM|WINCH|XCPU|XFSZ"
      + "|RTMIN(\\+([1-9]|1[0-5]))?|RTMAX(-([1-9]|1[0-4]))?");

  public Kill {
    signal = signal(signal);
    containers = List.copyOf(containers);
    given = Targets.given(given, containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("kill needs a CONTAINER");
  }

  public Kill(String signal, List<String> containers) {
    this(signal, containers, null);
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

  public static final CommandSpec<Kill> SPEC = new CommandSpec<>() {
    @Override public Class<Kill> type() { return Kill.class; }
    @Override public Grammar<Kill> grammar() { return new KillGrammar(); }
    @Override public Permission permission() { return Permission.CHANGE; }
    @Override public Kill probe() { return new Kill(null, List.of("probe")); }
    @Override public List<String> containers(Kill r) { return r.containers(); }
    @Override public boolean eachTarget() { return true; }
    @Override public Kill pin(Kill r, List<String> ids) { return new Kill(r.signal(), ids, r.given()); }

    @Override
    public void describe(Kill r, Words w) {
      if (!r.signal().equals("SIGKILL")) w.option("-s", r.signal());
      w.addAll(r.containers());
    }

    @Override
    public String consequence(Kill r, String target) {
      return "This will send " + r.signal() + " to container " + target + ".";
    }

    /** Like docker: every container is tried; each one killed is echoed as given, each failure is an error line. */
    @Override
    public Result execute(Kill r, Execution x) {
      var each = Targets.each(r.containers(), r.given(), (id, given) -> {
        x.engine().kill(id, r.signal());
        return new ContainerChanged("kill", id, x.nameOf(id), true, given);
      });
      return Targets.changed("kill", r.containers().size(), each, e -> false, List.of());
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
