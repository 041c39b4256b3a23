package io.berth.bot.discord;

import java.util.Optional;

/**
 * Encodes what a button does into its {@code custom_id} (at most 100 chars): confirm/cancel carry
 * the core's confirmation token, quick actions carry a container id. Nothing in an id is trusted:
 * the core re-checks identity, permission, scope and the token.
 */
final class ButtonIds {
  static final int MAX = 100;
  private static final String PREFIX = "berth:";

  /** What a pressed button asks for. */
  enum Kind { CONFIRM, CANCEL, LOGS, RESTART }

  /** A decoded button id. */
  record Press(Kind kind, String argument) {}

  private ButtonIds() {}

  static String confirm(String token) {
    return encode(Kind.CONFIRM, token);
  }

  static String cancel(String token) {
    return encode(Kind.CANCEL, token);
  }

  static String logs(String container) {
    return encode(Kind.LOGS, container);
  }

  static String restart(String container) {
    return encode(Kind.RESTART, container);
  }

  static Optional<Press> decode(String id) {
    if (id == null || !id.startsWith(PREFIX)) return Optional.empty();
    String rest = id.substring(PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon < 0) return Optional.empty();
    try {
      Kind kind = Kind.valueOf(rest.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
      String arg = rest.substring(colon + 1);
      return arg.isEmpty() ? Optional.empty() : Optional.of(new Press(kind, arg));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String encode(Kind kind, String argument) {
    String id = PREFIX + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + argument;
    if (id.length() > MAX) throw new IllegalArgumentException("button id longer than " + MAX + " chars");
    return id;
  }
}
