package io.berth.core.testing;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.Help;
import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.command.Start;
import io.berth.core.command.Stop;
import io.berth.core.language.CommandLanguage;
import io.berth.core.language.CommandSyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tiny stand-in for the real command language in core unit tests: {@code ps [-a]},
 * {@code run [-d] [-e K=V]... IMAGE [CMD...]}, {@code start NAME}, {@code stop NAME}, {@code help}.
 * Whitespace-separated words only, no quoting.
 */
public final class SimpleTestLanguage implements CommandLanguage {
  @Override
  public DockerRequest parse(String text) {
    List<String> words = new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
    String command = words.remove(0);
    switch (command) {
      case "ps":
        return new Ps(words.contains("-a"), List.of());
      case "start":
        return new Start(single(words, command));
      case "stop":
        return new Stop(single(words, command), null);
      case "help":
        return new Help(words.isEmpty() ? null : words.get(0));
      case "run":
        return parseRun(words);
      default:
        throw new CommandSyntaxException("unknown command \"" + command + "\"");
    }
  }

  private static Run parseRun(List<String> words) {
    boolean detach = false;
    List<Run.EnvVar> env = new ArrayList<>();
    int i = 0;
    for (; i < words.size() && words.get(i).startsWith("-"); i++) {
      String w = words.get(i);
      if (w.equals("-d")) {
        detach = true;
      } else if (w.equals("-e") || w.equals("--env")) {
        String kv = words.get(++i);
        int eq = kv.indexOf('=');
        env.add(new Run.EnvVar(kv.substring(0, eq), kv.substring(eq + 1)));
      } else {
        throw new CommandSyntaxException("unknown flag " + w);
      }
    }
    if (i >= words.size()) throw new CommandSyntaxException("run needs an IMAGE");
    String image = words.get(i);
    return new Run(image, null, detach, List.of(), env, Map.of(), List.of(), "no", false,
        words.subList(i + 1, words.size()), Run.HostAccess.NONE);
  }

  private static String single(List<String> words, String command) {
    if (words.size() != 1) throw new CommandSyntaxException(command + " needs exactly one CONTAINER");
    return words.get(0);
  }

  @Override
  public String help(String topic) {
    return "ps, run, start, stop, help";
  }

  @Override
  public String describe(DockerRequest request) {
    if (request instanceof Run r) {
      StringBuilder sb = new StringBuilder("run");
      if (r.detach()) sb.append(" -d");
      for (Run.EnvVar e : r.env()) sb.append(" -e ").append(e); // EnvVar.toString masks the value
      sb.append(' ').append(r.image());
      r.command().forEach(c -> sb.append(' ').append(c));
      return sb.toString();
    }
    return (request.action() + " " + request.target()).trim();
  }
}
