package io.berth.bot.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * A button on a reply: what pressing it asks the core for, and its argument (a confirmation token,
 * or a container). Nothing in a pressed button is trusted: the core re-checks identity, permission,
 * scope and the token.
 */
public record Button(Action action, String argument, String label) {

  /** What a button does. APPROVE/REJECT carry the id of a request held by the two-person rule. */
  public enum Action {
    CONFIRM(true), CANCEL(false), LOGS(false), RESTART(false), APPROVE(true), REJECT(false);

    private final boolean destructive;

    Action(boolean destructive) {
      this.destructive = destructive;
    }

    /** Shown as the dangerous choice (red). */
    public boolean destructive() {
      return destructive;
    }

    /** Lower-case name, for ids ({@code confirm}, {@code logs}). */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> byId(String id) {
      for (Action a : values()) if (a.id().equals(id)) return Optional.of(a);
      return Optional.empty();
    }

    /** The ids as a regex alternation, e.g. for routing platform events: {@code confirm|cancel|logs|restart}. */
    public static String idPattern() {
      StringBuilder sb = new StringBuilder();
      for (Action a : values()) sb.append(sb.length() == 0 ? "" : "|").append(a.id());
      return sb.toString();
    }
  }

  public Button {
    java.util.Objects.requireNonNull(action, "action");
    if (argument == null || argument.isEmpty()) throw new IllegalArgumentException("button without an argument");
  }
}
