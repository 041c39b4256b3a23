package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.result.HelpText;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code help [COMMAND]}: topic is null for the overview. */
public record Help(String topic) implements DockerRequest {

  public static final CommandSpec<Help> SPEC = new CommandSpec<>() {
    @Override public Class<Help> type() { return Help.class; }
    @Override public Grammar<Help> grammar() { return new HelpGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public boolean runsOnEngine() { return false; }
    @Override public Help probe() { return new Help(null); }
    @Override public String target(Help r) { return r.topic() == null ? "" : r.topic(); }
    @Override public HelpText execute(Help h, Execution x) { return new HelpText(x.language().help(h.topic())); }

    @Override
    public void describe(Help h, Words w) {
      if (h.topic() != null) w.addAll(java.util.List.of(h.topic().split(" ")));
    }
  };

  @Command(name = "help", description = "List the commands, or show one command's flags.", customSynopsis = "help [COMMAND [SUBCOMMAND]]")
  static final class HelpGrammar extends Grammar<Help> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", description = "A command name.")
    String topic;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SUBCOMMAND", description = "Of a two-word command (network ls).")
    String subcommand;

    @Override
    public Help toRequest(ArgumentReader in) {
      String t = topic == null ? null : subcommand == null ? topic : topic + " " + subcommand;
      if (subcommand != null && Catalog.byName(t.toLowerCase(Locale.ROOT)).isEmpty()) {
        throw in.error("unexpected extra argument \"" + subcommand + "\"; help takes COMMAND, or a two-word one such as "
            + "\"network ls\"");
      }
      return new Help(t == null ? null : t.toLowerCase(Locale.ROOT));
    }
  }
}
