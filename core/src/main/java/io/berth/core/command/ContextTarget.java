package io.berth.core.command;

import java.util.regex.Pattern;

/**
 * The target form {@code context/NAME}: a container in another context than the current one. Docker's container
 * names never contain a slash (beyond the leading one docker itself adds), so the form is unambiguous; the context
 * part follows docker's context name grammar.
 */
public final class ContextTarget {
  /** docker's context names (cli/context/store), the same grammar engine.endpoints[].name is held to. */
  public static final Pattern CONTEXT_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.+-]+");

  private ContextTarget() {}

  /** The context {@code ref} names, or null when it is a plain name, id or prefix. */
  public static String contextOf(String ref) {
    int slash = ref == null ? -1 : ref.indexOf('/');
    if (slash <= 0) return null;
    String c = ref.substring(0, slash);
    return CONTEXT_NAME.matcher(c).matches() ? c : null;
  }

  /** The container part of {@code ref}: the name after {@code context/}, else {@code ref} itself. */
  public static String nameOf(String ref) {
    return contextOf(ref) == null ? ref : ref.substring(ref.indexOf('/') + 1);
  }
}
