package io.berth.core.service;

import io.berth.core.result.Outcome;

/**
 * What opening a terminal gave: the session (outcome {@code Succeeded}), or, with no session, the outcome that says
 * why not: denied, {@code ConfirmationRequired} (confirm with {@link CommandService#confirmTerminal}), failed.
 */
public record TerminalOpening(Outcome outcome, TerminalSession session) {
  public boolean opened() {
    return session != null;
  }
}
