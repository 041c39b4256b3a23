package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --filter KEY=VALUE} of the list commands that hand their filters to the engine as they are
 * ({@code network ls}, {@code volume ls}, {@code volume prune}): keys are checked against the
 * command's own list, values go into the query's JSON, never into a path.
 */
final class EngineFilters {
  private EngineFilters() {}

  /** The filters in canonical {@code key=value} form, in the order given. */
  static List<String> read(ArgumentReader in, List<String> given, List<String> known) {
    List<String> out = new ArrayList<>();
    for (String f : given) {
      int eq = f.indexOf('=');
      if (eq <= 0 || eq == f.length() - 1) {
        throw in.error("bad filter \"" + f + "\"; write --filter KEY=VALUE (e.g. --filter " + known.get(0) + "=VALUE)");
      }
      String key = f.substring(0, eq);
      if (!known.contains(key)) {
        throw in.error("unsupported filter \"" + key + "\" in --filter " + f + " (known: " + String.join(", ", known) + ")");
      }
      out.add(f);
    }
    return List.copyOf(out);
  }

  /** The engine's form: values grouped by key. */
  static Map<String, List<String>> byKey(List<String> filters) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      m.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
    }
    return m;
  }

  /** Tries every name, like docker: what worked is returned; any failure fails the whole, naming what did happen. */
  static List<String> eachOf(List<String> names, String doneWord, java.util.function.Consumer<String> action) {
    List<String> done = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    io.berth.core.engine.EngineException first = null;
    for (String name : names) {
      try {
        action.accept(name);
        done.add(name);
      } catch (io.berth.core.engine.EngineException e) {
        if (first == null) first = e;
        errors.add(e.getMessage());
      }
    }
    if (first != null) {
      throw new io.berth.core.engine.EngineException(first.kind(), String.join("; ", errors)
          + (done.isEmpty() ? "" : " (" + doneWord + ": " + String.join(", ", done) + ")"));
    }
    return done;
  }

  /** docker's inspect output: one JSON array of the documents. */
  static String jsonArray(List<String> documents) {
    if (documents.isEmpty()) return "[]\n";
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < documents.size(); i++) {
      sb.append(documents.get(i).indent(4).stripTrailing());
      sb.append(i < documents.size() - 1 ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }
}
