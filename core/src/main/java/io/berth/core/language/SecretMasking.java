package io.berth.core.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides secrets in command text. Every surface that echoes a command (Slack's
 * ack, progress and "ran …" line, the console's command bar, the audit trail) passes it through
 * {@link #mask}; structured values ({@code -e KEY=VALUE} of a typed request, an inspected
 * container's environment) go through {@link #maskAssignment}.
 *
 * <p>Masked: values of {@code -e/--env K=V} (before IMAGE/CONTAINER when the text parses, anywhere
 * when it does not), {@code --build-arg K=V}, the value of any flag that looks like a credential
 * ({@code --password}, {@code --db-secret=…}, {@code --token}, {@code -p} of {@code login}) and the
 * password of a {@code scheme://user:password@host} URL. Too much masked is safe; too little leaks.
 */
public final class SecretMasking {
  /** What a hidden value becomes. */
  public static final String HIDDEN = "***";

  private static final Pattern ENV_FLAG = Pattern.compile("--env|--env-add|-[dit]*e");
  private static final Pattern ENV_ATTACHED = Pattern.compile("-[dit]*e.+");
  private static final Pattern SECRET_FLAG = Pattern.compile(
      "--?[a-z0-9-]*(?:pass(?:word|wd)?|secret|token|credential|api-?key)[a-z0-9-]*", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^\\s:/@]*:)[^\\s/@]+@");
  /** For text that does not even split into words: cut at the first word that could carry a secret. */
  private static final Pattern UNSPLITTABLE_CUT = Pattern.compile(
      "(^|\\s)(--env|--env-add|-[dit]*e|--build-arg|--?[a-z0-9-]*(?:pass|secret|token|credential|api-?key)|\\S*://)",
      Pattern.CASE_INSENSITIVE);
  private static final PicocliCommandLanguage PARSER = new PicocliCommandLanguage();

  private SecretMasking() {}

  /** {@code KEY=***} (or {@code ***} when there is no {@code =}). */
  public static String maskAssignment(String keyValue) {
    int eq = keyValue.indexOf('=');
    return eq < 0 ? HIDDEN : keyValue.substring(0, eq) + "=" + HIDDEN;
  }

  /** The command text (normalized as the parser sees it) with every secret value replaced. */
  public static String mask(String text) {
    if (text == null) return null;
    String t = ChatTextNormalizer.normalize(text);
    List<CommandTokenizer.Token> tokens;
    try {
      tokens = CommandTokenizer.split(t);
    } catch (CommandSyntaxException e) {
      Matcher m = UNSPLITTABLE_CUT.matcher(t);
      if (!m.find()) return t;
      String flag = m.group(2).contains("://") ? "" : m.group(2) + " ";
      return t.substring(0, m.start(2)) + flag + HIDDEN;
    }
    int first = !tokens.isEmpty() && tokens.get(0).value().equalsIgnoreCase("docker") ? 1 : 0;
    if (tokens.size() <= first) return t;
    String cmd = tokens.get(first).value().toLowerCase(Locale.ROOT);
    if (cmd.equals("service") && tokens.size() > first + 1) { // service create -e, service update --env-add
      first++;
      cmd = cmd + " " + tokens.get(first).value().toLowerCase(Locale.ROOT);
    }
    boolean takesEnv = List.of("run", "exec", "service create", "service update").contains(cmd);
    // Text that parses: only flags before IMAGE/CONTAINER are env flags. Text that does not: any
    // "-e" anywhere may be one, so mask them all.
    int envEnd = tokens.size();
    if (takesEnv) {
      try {
        PARSER.parse(t);
        envEnd = firstPositional(tokens, first, cmd);
      } catch (RuntimeException unparseable) {
        // keep envEnd = all tokens
      }
    }
    List<int[]> spans = new ArrayList<>();
    List<String> replacements = new ArrayList<>();
    for (int i = first + 1; i < tokens.size(); i++) {
      CommandTokenizer.Token tok = tokens.get(i);
      String v = tok.value();
      boolean hasNext = i + 1 < tokens.size();
      String replaced = null;
      if (takesEnv && i < envEnd && ENV_FLAG.matcher(v).matches() || v.equals("--build-arg")) {
        if (hasNext) {
          CommandTokenizer.Token next = tokens.get(++i);
          spans.add(new int[] {next.start(), next.end()});
          replacements.add(CommandTokenizer.quote(maskAssignment(next.value())));
        }
        continue;
      } else if (takesEnv && i < envEnd && (v.startsWith("--env=") || v.startsWith("--env-add="))) {
        int at = v.indexOf('=') + 1;
        replaced = v.substring(0, at) + maskAssignment(v.substring(at));
      } else if (v.startsWith("--build-arg=")) {
        replaced = "--build-arg=" + maskAssignment(v.substring(12));
      } else if (takesEnv && i < envEnd && ENV_ATTACHED.matcher(v).matches()) {
        int at = v.indexOf('e') + 1;
        replaced = v.substring(0, at) + maskAssignment(v.substring(at));
      } else if (isSecretFlag(cmd, v)) {
        if (v.contains("=")) {
          replaced = v.substring(0, v.indexOf('=') + 1) + HIDDEN;
        } else if (hasNext) {
          CommandTokenizer.Token next = tokens.get(++i);
          spans.add(new int[] {next.start(), next.end()});
          replacements.add(HIDDEN);
          continue;
        }
      } else if (URL_PASSWORD.matcher(v).find()) {
        replaced = URL_PASSWORD.matcher(v).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN) + "@");
      }
      if (replaced != null) {
        spans.add(new int[] {tok.start(), tok.end()});
        replacements.add(CommandTokenizer.quote(replaced));
      }
    }
    StringBuilder out = new StringBuilder(t);
    for (int k = spans.size() - 1; k >= 0; k--) {
      out.replace(spans.get(k)[0], spans.get(k)[1], replacements.get(k));
    }
    return out.toString();
  }

  private static boolean isSecretFlag(String cmd, String word) {
    String flag = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
    if (cmd.equals("login") && (flag.equals("-p") || flag.equals("--password"))) return true;
    return SECRET_FLAG.matcher(flag).matches();
  }

  /**
   * Index of IMAGE (run) or CONTAINER (exec): the first word that is neither a flag nor a flag's
   * value. Which flags take a value comes from the command's grammar, so a new flag cannot shift
   * where the flags end.
   */
  private static int firstPositional(List<CommandTokenizer.Token> tokens, int first, String cmd) {
    java.util.Set<String> withValue = PicocliCommandLanguage.optionsWithValues(cmd);
    int i = first + 1;
    while (i < tokens.size()) {
      String v = tokens.get(i).value();
      if (v.equals("--")) return i + 1;
      if (!v.startsWith("-") || v.equals("-")) return i;
      if (v.startsWith("--")) {
        i += !v.contains("=") && withValue.contains(v) ? 2 : 1;
        continue;
      }
      int skip = 1;
      for (int j = 1; j < v.length(); j++) { // a cluster (-dv): the first short flag with a value takes the rest or the next word
        if (withValue.contains("-" + v.charAt(j))) {
          if (j == v.length() - 1) skip = 2;
          break;
        }
      }
      i += skip;
    }
    return tokens.size();
  }
}
