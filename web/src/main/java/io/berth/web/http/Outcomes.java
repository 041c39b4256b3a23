package io.berth.web.http;

import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.ImageRemoved;
import io.berth.core.result.Outcome;
import io.berth.core.result.PullOutput;
import io.berth.core.result.Result;
import io.berth.core.result.RunOutput;
import io.berth.web.view.ConfirmView;
import io.berth.web.view.Flash;
import io.berth.core.render.PlainTextRenderer;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders what the core answered: results and refusals as flashes in the target, confirmations
 * as a dialog (out of band, into #modal). Status codes follow the outcome so a direct POST gets an
 * honest 403 when refused.
 */
public final class Outcomes {
  /** Docker-like text, the same the CLI and chat show. */
  private static final PlainTextRenderer TEXT = new PlainTextRenderer();

  /** Where a confirmed result may be rendered; the dialog carries one of these, nothing else. */
  public static final Set<String> TARGETS = Set.of("#flash", "#exec-out", "#cmd-out", "#run-out", "#images-flash");

  private final Views views;

  public Outcomes(Views views) {
    this.views = views;
  }

  public void respond(Context ctx, Outcome outcome, String target) {
    respond(ctx, List.of(outcome), target);
  }

  public void respond(Context ctx, List<Outcome> outcomes, String target) {
    List<Flash> flashes = new ArrayList<>();
    List<ConfirmView.Item> confirms = new ArrayList<>();
    HttpStatus status = HttpStatus.OK;
    for (Outcome o : outcomes) {
      if (o instanceof Outcome.ConfirmationRequired c) {
        confirms.add(new ConfirmView.Item(c.token(), c.prompt()));
      } else {
        flashes.add(flash(o));
        if (o instanceof Outcome.Denied) status = HttpStatus.FORBIDDEN;
        else if (o instanceof Outcome.Failed && status == HttpStatus.OK) status = HttpStatus.UNPROCESSABLE_CONTENT;
      }
    }
    ConfirmView confirm = confirms.isEmpty() ? null : new ConfirmView(confirms, target);
    ctx.status(outcomes.size() > 1 && status != HttpStatus.FORBIDDEN ? HttpStatus.OK : status);
    views.fragment(ctx, "outcomes", Map.of("flashes", flashes, "confirm", java.util.Optional.ofNullable(confirm)));
  }

  public static Flash flash(Outcome o) {
    if (o instanceof Outcome.Succeeded s) return success(s.result(), s.requestId());
    if (o instanceof Outcome.Denied d) return new Flash("denied", "Not allowed", d.reason(), d.requestId());
    if (o instanceof Outcome.Failed f) {
      return new Flash("failed", "Failed (" + f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")",
          f.message(), f.requestId());
    }
    if (o instanceof Outcome.Cancelled x) return new Flash("info", "Cancelled", x.commandText(), x.requestId());
    if (o instanceof Outcome.Rejected x) return new Flash("info", "Rejected by " + x.rejectedBy() + ", will not run", x.commandText(), x.requestId());
    if (o instanceof Outcome.ApprovalRequired a) {
      return new Flash("info", "Waiting for approval (" + a.approvals() + "/" + a.needed() + ")",
          a.commandText() + "\n" + a.prompt() + "\nPending on the Approvals page until " + a.expiresAt() + ".", a.requestId());
    }
    Outcome.ConfirmationRequired c = (Outcome.ConfirmationRequired) o;
    return new Flash("info", "Needs confirmation", c.prompt(), c.requestId());
  }

  static Flash success(Result r, String id) {
    if (r instanceof ContainerChanged c) {
      String verb = switch (c.action()) {
        case "start" -> "Started";
        case "stop" -> c.changed() ? "Stopped" : "Already stopped:";
        case "restart" -> "Restarted";
        case "rm" -> "Removed";
        default -> c.action();
      };
      return new Flash("ok", verb + " " + c.name(), "", id);
    }
    if (r instanceof ExecOutput e) {
      String text = TEXT.render(e); // stdout, then stderr under its label, the cut marker where output was capped
      return new Flash(e.exitCode() == 0 ? "ok" : "failed", "exit code " + e.exitCode(), text, id);
    }
    if (r instanceof RunOutput ro) {
      return new Flash("ok", "Started " + ro.name() + (ro.pulled() ? " (image pulled)" : ""), TEXT.render(ro), id);
    }
    if (r instanceof ImageRemoved ir) return new Flash("ok", "Removed " + ir.image(), String.join("\n", ir.lines()), id);
    if (r instanceof PullOutput p) return new Flash("ok", "Pulled " + p.image(), p.status(), id);
    if (r instanceof BuildOutput b) return new Flash("ok", "Built " + b.tag(), "", id);
    return new Flash("ok", "Done", TEXT.render(r), id);
  }
}
