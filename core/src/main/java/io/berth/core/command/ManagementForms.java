package io.berth.core.command;

import io.berth.core.language.CommandSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * docker's management forms ({@code container ls}, {@code image rm}, {@code system df}) as the
 * catalog entries they are: one grammar per command, so policy and the audit see one command name
 * ({@code container ls} is {@code ps}, {@code image rm} is {@code rmi}; the audit keeps the text as
 * typed). A form with no classic spelling is a catalog entry named as docker spells it,
 * {@code GROUP SUB} ({@code container prune}, {@code system df}, {@code network ls}): the language
 * finds those by their two words, and this class lists them among the group's subcommands without
 * a change here.
 */
public final class ManagementForms {
  private static final Map<String, Map<String, String>> FORMS = forms();

  private ManagementForms() {}

  private static Map<String, Map<String, String>> forms() {
    Map<String, String> container = new LinkedHashMap<>();
    container.put("ls", "ps");
    container.put("ps", "ps");
    container.put("list", "ps");
    for (String same : List.of("start", "stop", "restart", "rm", "kill", "logs", "inspect", "exec", "run", "pause",
        "unpause", "top", "port", "rename", "wait", "stats", "cp")) {
      container.put(same, same);
    }
    container.put("prune", "container prune");
    Map<String, String> image = new LinkedHashMap<>();
    image.put("ls", "images");
    image.put("list", "images");
    image.put("rm", "rmi");
    image.put("remove", "rmi");
    for (String same : List.of("pull", "push", "tag", "inspect", "build")) image.put(same, same);
    image.put("prune", "image prune");
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put("container", container);
    m.put("image", image);
    Map<String, String> system = new LinkedHashMap<>();
    system.put("df", "system df");
    system.put("events", "events");
    m.put("system", system);
    return m;
  }

  /**
   * The words with a management form's first two replaced by the catalog name ({@code help} looks
   * through to its topic); other words unchanged. A group without a known subcommand is refused,
   * naming the ones it has.
   */
  public static List<String> normalize(List<String> words) {
    if (words.isEmpty()) return words;
    String first = words.get(0).toLowerCase(Locale.ROOT);
    if (first.equals("help") && words.size() > 1) {
      // "help network" asks for the group's own help: the group word stays as it is
      if (words.size() == 2 && !subcommands(words.get(1).toLowerCase(Locale.ROOT)).isEmpty()) return words;
      List<String> out = new ArrayList<>();
      out.add(words.get(0));
      out.addAll(normalize(words.subList(1, words.size())));
      return out;
    }
    List<String> subs = subcommands(first);
    if (subs.isEmpty() || Catalog.byName(first).isPresent()) return words;
    String sub = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
    String target = FORMS.getOrDefault(first, Map.of()).getOrDefault(sub, first + " " + sub);
    if (words.size() < 2 || !Catalog.byName(target).isPresent()) {
      throw new CommandSyntaxException((words.size() < 2 ? first + ": name a subcommand" : "unknown command \"" + first + " "
          + words.get(1) + "\"") + "; " + first + " has: " + String.join(", ", subs));
    }
    List<String> out = new ArrayList<>();
    out.add(target);
    out.addAll(words.subList(2, words.size()));
    return out;
  }

  /**
   * A group's subcommands and the catalog entry each one runs ({@code ls → ps}, {@code prune → container prune}),
   * in docker's order; aliases of an entry already listed ({@code ps}, {@code list}) are left out. Empty for a word
   * that is no group.
   */
  public static Map<String, String> commandsOf(String group) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String sub : subcommands(group)) {
      String name = FORMS.getOrDefault(group, Map.of()).getOrDefault(sub, group + " " + sub);
      if (!out.containsValue(name)) out.put(sub, name);
    }
    return out;
  }

  /** The subcommands a group has in this catalog, e.g. {@code ls, ps, start, …} for container. */
  static List<String> subcommands(String group) {
    List<String> subs = new ArrayList<>();
    FORMS.getOrDefault(group, Map.of()).forEach((sub, name) -> {
      if (Catalog.byName(name).isPresent()) subs.add(sub);
    });
    for (String name : Catalog.names()) {
      if (name.startsWith(group + " ") && !subs.contains(name.substring(group.length() + 1))) {
        subs.add(name.substring(group.length() + 1));
      }
    }
    return subs;
  }

  /**
   * The management form that names a catalog command, as {@code [GROUP, SUB]} ({@code container ls}
   * for ps, {@code system df} for itself); empty for a command docker has only at the top level.
   * Chat surfaces that must group commands (Discord allows 25 per level) use it.
   */
  public static java.util.Optional<List<String>> form(String name) {
    for (var g : FORMS.entrySet()) {
      for (var e : g.getValue().entrySet()) {
        if (e.getValue().equals(name)) return java.util.Optional.of(List.of(g.getKey(), e.getKey()));
      }
    }
    int space = name.indexOf(' ');
    return space > 0 ? java.util.Optional.of(List.of(name.substring(0, space), name.substring(space + 1)))
        : java.util.Optional.empty();
  }

  /** For messages: every management form, e.g. "container ls → ps". */
  static String table() {
    return FORMS.entrySet().stream().flatMap(g -> g.getValue().entrySet().stream()
        .map(e -> g.getKey() + " " + e.getKey() + " → " + e.getValue())).collect(Collectors.joining(", "));
  }
}
