package io.berth.bot.chat;

/** Who a reply is for. */
public enum Audience {
  /** Everyone where the request was made (a platform may still narrow results by its own setting). */
  CHANNEL,
  /** Only the person who asked or pressed: refusals, errors, help. */
  CALLER
}
