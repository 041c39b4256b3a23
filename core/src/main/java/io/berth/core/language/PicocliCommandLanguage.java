package io.berth.core.language;

import io.berth.core.command.Catalog;
import io.berth.core.command.ManagementForms;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Help;
import io.berth.core.command.ImageRef;
import io.berth.core.language.CommandSyntaxException.Kind;
import io.berth.core.config.Suggest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command language on picocli: docker CLI syntax in, typed requests out; {@code help} is
 * generated from the same definitions. Text is split by {@link CommandTokenizer}, never a shell.
 */
public final class PicocliCommandLanguage implements CommandLanguage {
  private static final java.util.Map<String, String> HELP = new java.util.concurrent.ConcurrentHashMap<>();
  private final Clock clock;

  public PicocliCommandLanguage(Clock clock) {
    this.clock = clock;
  }

  public PicocliCommandLanguage() {
    this(Clock.systemUTC());
  }

  /** Command names in help order. */
  public static List<String> commands() {
    return Catalog.names();
  }

  @Override
  public DockerRequest parse(String text) {
    List<String> words = words(ChatTextNormalizer.normalize(text));
    if (words.isEmpty()) {
      throw new CommandSyntaxException("empty command; type a docker command such as \"ps\", or \"help\" for the list");
    }
    // ManagementForms has already turned docker's two-word forms ("network ls", "container ls") into one catalog name
    String name = words.get(0).toLowerCase(Locale.ROOT);
    var spec = Catalog.byName(name);
    if (spec.isEmpty()) throw unknownCommand(words.get(0), "");
    Grammar<?> def = spec.get().grammar();
    CommandLine cl = commandLine(def);
    List<String> args = words.subList(1, words.size());
    try {
      cl.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw translate(name, cl, args, e);
    }
    if (cl.isUsageHelpRequested()) return new Help(name);
    ArgumentReader in = new ArgumentReader(name, clock);
    DockerRequest request;
    try {
      request = def.toRequest(in);
    } catch (ImageRef.InvalidReference e) {
      throw in.argumentError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw in.error(e.getMessage());
    }
    if (request instanceof Help h && h.topic() != null && Catalog.byName(h.topic()).isEmpty() && !isGroup(h.topic())) {
      throw unknownCommand(h.topic(), "help: ");
    }
    return request;
  }

  @Override
  public String help(String topic) {
    if (topic == null || topic.isBlank()) return overview();
    String name = topic.strip().toLowerCase(Locale.ROOT);
    var spec = Catalog.byName(name);
    if (spec.isEmpty() && isGroup(name)) {
      return HELP.computeIfAbsent(name, n -> groupHelp(n));
    }
    if (spec.isEmpty()) throw unknownCommand(topic.strip(), "help: ");
    // definitions never change, so neither does their usage text
    return HELP.computeIfAbsent(name, n -> commandLine(spec.get().grammar()).getUsageMessage(CommandLine.Help.Ansi.OFF));
  }

  private static boolean isGroup(String word) {
    return !ManagementForms.commandsOf(word).isEmpty();
  }

  /** docker's {@code help network}: the group's subcommands, each with the description of the entry it runs. */
  private static String groupHelp(String group) {
    StringBuilder sb = new StringBuilder("Usage: " + group + " COMMAND\n\nCommands:\n");
    ManagementForms.commandsOf(group).forEach((sub, name) -> sb.append(String.format(Locale.ROOT, "  %-16s %s%n", sub,
        Catalog.descriptionOf(Catalog.byName(name).orElseThrow()))));
    return sb.toString();
  }

  private String overview() {
    return HELP.computeIfAbsent("", n -> buildOverview());
  }

  private String buildOverview() {
    StringBuilder sb = new StringBuilder("Berth commands (docker syntax; type \"help COMMAND\" for its flags):\n");
    for (io.berth.core.command.CommandSpec<?> s : Catalog.specs()) {
      CommandSpec spec = commandLine(s.grammar()).getCommandSpec();
      sb.append(String.format(Locale.ROOT, "  %-15s %s%n", Catalog.nameOf(s), spec.usageMessage().description()[0]));
    }
    return sb.toString();
  }

  @Override
  public String describe(DockerRequest request) {
    return Catalog.bind(request).describe();
  }

  private static List<String> words(String text) {
    List<String> words = CommandTokenizer.split(text).stream().map(CommandTokenizer.Token::value)
        .collect(Collectors.toCollection(ArrayList::new));
    if (!words.isEmpty() && words.get(0).equalsIgnoreCase("docker")) words.remove(0);
    return ManagementForms.normalize(words); // container ls → ps, system df → system df
  }

  private static final java.util.Map<String, java.util.Set<String>> VALUED = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Every spelling ({@code -v}, {@code --volume}) of the command's options that take a value, read
   * from its grammar, so whoever walks the words (secret masking) skips exactly the values the
   * parser does. Empty for an unknown command.
   */
  static java.util.Set<String> optionsWithValues(String command) {
    return VALUED.computeIfAbsent(command, n -> Catalog.byName(n)
        .map(s -> commandLine(s.grammar()).getCommandSpec().options().stream()
            .filter(o -> o.arity().max() > 0)
            .flatMap(o -> java.util.Arrays.stream(o.names()))
            .collect(java.util.stream.Collectors.toUnmodifiableSet()))
        .orElse(java.util.Set.of()));
  }

  private static CommandLine commandLine(Grammar<?> def) {
    CommandLine cl = new CommandLine(def);
    cl.setExpandAtFiles(false); // "@file" must never read a file on the server
    cl.setOverwrittenOptionsAllowed(true); // docker: the last --name wins
    cl.setStopAtPositional(def.stopsAtPositional());
    cl.setUnmatchedArgumentsAllowed(false);
    cl.setPosixClusteredShortOptionsAllowed(true);
    cl.setTrimQuotes(false);
    cl.setUsageHelpWidth(100);
    return cl;
  }

  private static CommandSyntaxException unknownCommand(String word, String prefix) {
    List<String> close = Suggest.closestAll(word.toLowerCase(Locale.ROOT), Catalog.names());
    String hint = close.isEmpty() ? "" : "did you mean " + close.stream().map(c -> "\"" + c + "\"")
        .collect(Collectors.joining(" or ")) + "? ";
    return new CommandSyntaxException(prefix + "unknown command \"" + word + "\"; " + hint
        + "type \"help\" for the list (" + String.join(", ", Catalog.names()) + ")");
  }

  private static CommandSyntaxException translate(String name, CommandLine cl, List<String> args,
      CommandLine.ParameterException e) {
    CommandSpec spec = cl.getCommandSpec();
    String usage = " (usage: " + spec.usageMessage().customSynopsis()[0] + ")";
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String bad = u.getUnmatched().get(0);
      if (bad.startsWith("-") && bad.length() > 1 && !bad.matches("-\\d+")) {
        String flag = bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad;
        return new CommandSyntaxException(name + ": unknown flag " + flag + "; " + flagHint(spec, flag)
            + "see \"help " + name + "\" for its flags", Kind.FLAG, name);
      }
      return new CommandSyntaxException(name + ": unexpected extra argument \"" + bad + "\"; " + name
          + " takes " + positionalsText(spec) + usage, Kind.ARGUMENT, name);
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
      ArgSpec missing = m.getMissing().get(0);
      if (missing instanceof OptionSpec o) {
        boolean given = args.stream().anyMatch(a -> List.of(o.names()).contains(a));
        if (given) {
          return new CommandSyntaxException(name + ": " + o.longestName() + " needs a value (" + o.paramLabel() + ")"
              + usage, Kind.FLAG, name);
        }
        return new CommandSyntaxException(name + ": missing " + o.shortestName() + " " + o.paramLabel() + usage,
            Kind.FLAG, name);
      }
      return new CommandSyntaxException(name + ": missing " + missing.paramLabel() + usage, Kind.ARGUMENT, name);
    }
    String msg = e.getMessage() == null ? "invalid arguments" : e.getMessage();
    if (msg.startsWith("Expected parameter for option")) {
      // e.g. "--name -d": the value is missing and a flag came instead
      return new CommandSyntaxException(name + ": " + msg.replace("Expected parameter for option", "missing value for")
          + usage, Kind.FLAG, name);
    }
    return new CommandSyntaxException(name + ": " + msg + usage, Kind.FLAG, name);
  }

  private static String flagHint(CommandSpec spec, String flag) {
    List<String> longNames = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (o.hidden() || o.usageHelp()) continue;
      all.add(String.join("/", o.names()));
      for (String n : o.names()) {
        if (n.startsWith("--")) longNames.add(n);
      }
    }
    if (flag.startsWith("--")) {
      var close = Suggest.closest(flag, longNames);
      if (close.isPresent()) return "did you mean " + close.get() + "? ";
    }
    return all.isEmpty() ? "it takes no flags; " : "known flags: " + String.join(", ", all) + "; ";
  }

  private static String positionalsText(CommandSpec spec) {
    List<PositionalParamSpec> ps = spec.positionalParameters();
    if (ps.isEmpty()) return "no arguments";
    return "only " + ps.stream().map(p -> p.paramLabel() + (p.arity().max > 1 ? "..." : ""))
        .collect(Collectors.joining(" ")) + "; run it once per item";
  }
}
