package io.berth.core.service;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.LocalFiles;
import io.berth.core.engine.Engines;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.ContextOption;
import io.berth.core.language.SecretMasking;
import io.berth.core.model.Caller;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;

/** Running a command: typed text (chat, command bar, CLI) or a typed request (buttons, forms). */
final class Commands {
  private final AuditedStep step;
  private final FanOut fanOut;

  Commands(AuditedStep step) {
    this.step = step;
    this.fanOut = new FanOut(step);
  }

  /** Text as the person typed it; what does not parse is audited {@code invalid}, masked. */
  Outcome submit(Caller caller, String text, ProgressListener progress, LocalFiles local) {
    String masked = SecretMasking.mask(text);
    DockerRequest request;
    String context;
    try {
      ContextOption.Split split = ContextOption.split(text); // docker's global --context NAME, before the command
      context = split.context();
      request = step.language.parse(split.text());
    } catch (CommandSyntaxException | IllegalArgumentException e) {
      Attempt a = step.attempt(caller, masked, "invalid", "");
      a.user = step.policy.identify(caller).orElse(null);
      return a.failed(Failure.USAGE, e.getMessage());
    }
    return execute(caller, context, request, masked, progress, local);
  }

  /**
   * A typed request in {@code context} (null: the default; {@code all}: a read command on every endpoint);
   * {@code commandText} null means "describe it for me". A destructive one asks for confirmation.
   */
  Outcome execute(Caller caller, String context, DockerRequest request, String commandText, ProgressListener progress,
      LocalFiles local) {
    String text = commandText != null ? commandText
        : (context == null ? "" : "--context " + context + " ") + step.language.describe(request);
    if (Engines.ALL.equals(context)) return fanOut.run(caller, request, text, progress);
    Attempt a = step.attempt(caller, text, request.action(), request.target());
    a.context = context;
    return step.authorizeAndRun(a, request, AuditedStep.Confirmation.ASK, null, null, null,
        step.execute(caller, progress, local)).outcome();
  }
}
