package io.berth.core.language;

import io.berth.core.command.Catalog;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Help;
import io.berth.core.config.Suggest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern ENV_FLAG_FALLBACK = Pattern.compile("(^|\\s)(--env|-[dit]*e)");

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
    } catch (IllegalArgumentException e) {
      throw in.error(e.getMessage());
    }
    if (request instanceof Help h && h.topic() != null && Catalog.byName(h.topic()).isEmpty()) {
      throw unknownCommand(h.topic(), "help: ");
    }
    return request;
  }

  @Override
  public String help(String topic) {
    if (topic == null || topic.isBlank()) return overview();
    String name = topic.strip().toLowerCase(Locale.ROOT);
    var spec = Catalog.byName(name);
    if (spec.isEmpty()) throw unknownCommand(topic.strip(), "help: ");
    // definitions never change, so neither does their usage text
    return HELP.computeIfAbsent(name, n -> commandLine(spec.get().grammar()).getUsageMessage(CommandLine.Help.Ansi.OFF));
  }

  private String overview() {
    return HELP.computeIfAbsent("", n -> buildOverview());
  }

  private String buildOverview() {
    StringBuilder sb = new StringBuilder("Berth commands (docker syntax; type \"help COMMAND\" for its flags):\n");
    for (io.berth.core.command.CommandSpec<?> s : Catalog.specs()) {
      CommandSpec spec = commandLine(s.grammar()).getCommandSpec();
      sb.append(String.format(Locale.ROOT, "  %-8s %s%n", Catalog.nameOf(s), spec.usageMessage().description()[0]));
    }
    return sb.toString();
  }

  @Override
  public String mask(String text) {
    String t = ChatTextNormalizer.normalize(text);
    List<CommandTokenizer.Token> tokens;
    try {
      tokens = CommandTokenizer.split(t);
    } catch (CommandSyntaxException e) {
      // Unparseable: keep only what comes before the first env flag, so no value can leak.
      Matcher m = ENV_FLAG_FALLBACK.matcher(t);
      return m.find() ? t.substring(0, m.end()) + " ***" : t;
    }
    int first = !tokens.isEmpty() && tokens.get(0).value().equalsIgnoreCase("docker") ? 1 : 0;
    if (tokens.size() <= first) return t;
    String cmd = tokens.get(first).value().toLowerCase(Locale.ROOT);
    if (!cmd.equals("run") && !cmd.equals("exec")) return t;
    // Text that parses: only flags before IMAGE/CONTAINER are env flags. Text that does not: any
    // "-e" anywhere may be one, so mask them all (too much is safe, too little leaks).
    int end = tokens.size();
    try {
      parse(t);
      end = firstPositional(tokens, first, cmd);
    } catch (RuntimeException unparseable) {
      // keep end = all tokens
    }
    StringBuilder out = new StringBuilder(t);
    List<int[]> spans = new ArrayList<>();
    List<String> replacements = new ArrayList<>();
    for (int i = first + 1; i < end; i++) {
      CommandTokenizer.Token tok = tokens.get(i);
      String v = tok.value();
      if (v.equals("--env") || v.matches("-[dit]*e")) {
        if (i + 1 < tokens.size()) {
          CommandTokenizer.Token next = tokens.get(++i);
          spans.add(new int[] {next.start(), next.end()});
          replacements.add(CommandTokenizer.quote(maskedPair(next.value())));
        }
      } else if (v.startsWith("--env=")) {
        spans.add(new int[] {tok.start(), tok.end()});
        replacements.add(CommandTokenizer.quote("--env=" + maskedPair(v.substring(6))));
      } else if (v.matches("-[dit]*e.+") && !v.startsWith("--")) {
        int at = v.indexOf('e') + 1;
        spans.add(new int[] {tok.start(), tok.end()});
        replacements.add(CommandTokenizer.quote(v.substring(0, at) + maskedPair(v.substring(at))));
      }
    }
    for (int k = spans.size() - 1; k >= 0; k--) {
      out.replace(spans.get(k)[0], spans.get(k)[1], replacements.get(k));
    }
    return out.toString();
  }

  /** Index of IMAGE (run) or CONTAINER (exec): the first word that is neither a flag nor a flag's value. */
  private static int firstPositional(List<CommandTokenizer.Token> tokens, int first, String cmd) {
    boolean run = cmd.equals("run");
    List<String> longWithValue = run
        ? List.of("--name", "--publish", "--env", "--label", "--volume", "--restart", "--network", "--net", "--pid",
            "--ipc", "--cap-add", "--device")
        : List.of("--env", "--workdir");
    String shortWithValue = run ? "pelv" : "ew";
    int i = first + 1;
    while (i < tokens.size()) {
      String v = tokens.get(i).value();
      if (v.equals("--")) return i + 1;
      if (!v.startsWith("-") || v.equals("-")) return i;
      if (v.startsWith("--")) {
        i += !v.contains("=") && longWithValue.contains(v) ? 2 : 1;
        continue;
      }
      int skip = 1;
      for (int j = 1; j < v.length(); j++) {
        if (shortWithValue.indexOf(v.charAt(j)) >= 0) {
          if (j == v.length() - 1) skip = 2;
          break;
        }
      }
      i += skip;
    }
    return tokens.size();
  }

  private static String maskedPair(String kv) {
    int eq = kv.indexOf('=');
    return eq < 0 ? "***" : kv.substring(0, eq) + "=***";
  }

  @Override
  public String describe(DockerRequest request) {
    return Catalog.bind(request).describe();
  }

  private static List<String> words(String text) {
    List<String> words = CommandTokenizer.split(text).stream().map(CommandTokenizer.Token::value)
        .collect(Collectors.toCollection(ArrayList::new));
    if (!words.isEmpty() && words.get(0).equalsIgnoreCase("docker")) words.remove(0);
    return words;
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
            + "see \"help " + name + "\" for its flags");
      }
      return new CommandSyntaxException(name + ": unexpected extra argument \"" + bad + "\"; " + name
          + " takes " + positionalsText(spec) + usage);
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
      ArgSpec missing = m.getMissing().get(0);
      if (missing instanceof OptionSpec o) {
        boolean given = args.stream().anyMatch(a -> List.of(o.names()).contains(a));
        if (given) {
          return new CommandSyntaxException(name + ": " + o.longestName() + " needs a value (" + o.paramLabel() + ")"
              + usage);
        }
        return new CommandSyntaxException(name + ": missing " + o.shortestName() + " " + o.paramLabel() + usage);
      }
      return new CommandSyntaxException(name + ": missing " + missing.paramLabel() + usage);
    }
    String msg = e.getMessage() == null ? "invalid arguments" : e.getMessage();
    if (msg.startsWith("Expected parameter for option")) {
      // e.g. "--name -d": the value is missing and a flag came instead
      return new CommandSyntaxException(name + ": " + msg.replace("Expected parameter for option", "missing value for")
          + usage);
    }
    return new CommandSyntaxException(name + ": " + msg + usage);
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
