package io.berth.bot.chat;

/** What kind of message it is; each platform picks its own emoji or colour for it. */
public enum Tone {
  /** A change was made (start, stop, restart, rm…). */
  DONE,
  /** Plain information: lists, output, help. */
  INFO,
  /** The policy refused. */
  DENIED,
  /** Tried and failed (or did not parse). */
  FAILED,
  /** A pending confirmation was withdrawn. */
  CANCELLED,
  /** Berth itself could not take or finish it (busy, internal error). */
  WARNING
}
