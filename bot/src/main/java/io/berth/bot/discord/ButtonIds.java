package io.berth.bot.discord;

import io.berth.bot.chat.Button;
import java.util.Optional;

/**
 * Encodes a shared {@link Button} into Discord's {@code custom_id} (at most 100 chars) and back:
 * {@code berth:<action>:<argument>}. Nothing in an id is trusted: the core re-checks identity,
 * permission, scope and the token.
 */
final class ButtonIds {
  static final int MAX = 100;
  private static final String PREFIX = "berth:";

  /** A decoded button id. */
  record Press(Button.Action action, String argument) {}

  private ButtonIds() {}

  /** The id, or empty when it would be longer than Discord allows (the button is then left off). */
  static Optional<String> encode(Button.Action action, String argument) {
    String id = PREFIX + action.id() + ":" + argument;
    return id.length() > MAX ? Optional.empty() : Optional.of(id);
  }

  static String restart(String container) {
    return encode(Button.Action.RESTART, container).orElseThrow();
  }

  static Optional<Press> decode(String id) {
    if (id == null || !id.startsWith(PREFIX)) return Optional.empty();
    String rest = id.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon < 0) return Optional.empty();
    String arg = rest.substring(colon + 1);
    if (arg.isEmpty()) return Optional.empty();
    return Button.Action.byId(rest.substring(0, colon)).map(a -> new Press(a, arg));
  }
}
