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
    @Override public Help probe() { return new Help(null); }
    @Override public String target(Help r) { return r.topic() == null ? "" : r.topic(); }
    @Override public HelpText execute(Help h, Execution x) { return new HelpText(x.language().help(h.topic())); }

    @Override
    public void describe(Help h, Words w) {
      if (h.topic() != null) w.add(h.topic());
    }
  };

  @Command(name = "help", description = "List the commands, or show one command's flags.", customSynopsis = "help [COMMAND]")
  static final class HelpGrammar extends Grammar<Help> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", description = "A command name.")
    String topic;

    @Override
    public Help toRequest(ArgumentReader in) {
      return new Help(topic == null ? null : topic.toLowerCase(Locale.ROOT));
    }
  }
}
