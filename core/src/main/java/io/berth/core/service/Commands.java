package io.berth.core.service;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.LocalFiles;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.SecretMasking;
import io.berth.core.model.Caller;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;

/** Running a command: typed text (chat, command bar, CLI) or a typed request (buttons, forms). */
final class Commands {
  private final AuditedStep step;

  Commands(AuditedStep step) {
    this.step = step;
  }

  /** Text as the person typed it; what does not parse is audited {@code invalid}, masked. */
  Outcome submit(Caller caller, String text, ProgressListener progress, LocalFiles local) {
    String masked = SecretMasking.mask(text);
    DockerRequest request;
    try {
      request = step.language.parse(text);
    } catch (CommandSyntaxException | IllegalArgumentException e) {
      Attempt a = step.attempt(caller, masked, "invalid", "");
      a.user = step.policy.identify(caller).orElse(null);
      return a.failed(Failure.USAGE, e.getMessage());
    }
    return execute(caller, request, masked, progress, local);
  }

  /** A typed request; {@code commandText} null means "describe it for me". A destructive one asks for confirmation. */
  Outcome execute(Caller caller, DockerRequest request, String commandText, ProgressListener progress, LocalFiles local) {
    String text = commandText == null ? step.language.describe(request) : commandText;
    Attempt a = step.attempt(caller, text, request.action(), request.target());
    return step.authorizeAndRun(a, request, AuditedStep.Confirmation.ASK, null, null, null,
        step.execute(caller, progress, local)).outcome();
  }
}
