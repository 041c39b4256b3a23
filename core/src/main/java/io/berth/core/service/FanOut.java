package io.berth.core.service;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.Events;
import io.berth.core.command.Images;
import io.berth.core.command.Ps;
import io.berth.core.command.Stats;
import io.berth.core.command.SystemDf;
import io.berth.core.model.Caller;
import io.berth.core.render.Listings;
import io.berth.core.result.AcrossContexts;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --context all}: a read command run in every context at once, each one authorized and audited in its own
 * context (a role or scope may differ per context), each bounded by {@link #PER_CONTEXT} so a down or stalled
 * endpoint costs the answer only its own line.
 */
final class FanOut {
  /** How long one context may take before the answer goes on without it. */
  static final Duration PER_CONTEXT = Duration.ofSeconds(15);
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "berth-context-all");
    t.setDaemon(true);
    return t;
  });

  private final AuditedStep step;

  FanOut(AuditedStep step) {
    this.step = step;
  }

  Outcome run(Caller caller, DockerRequest request, String text, ProgressListener progress) {
    if (request instanceof Events e && e.until() == null && progress.follows()) {
      return new EventsFollowedAcross(step).run(caller, e, text, progress); // the CLI's terminal: every stream, live
    }
    Listings.View view;
    DockerRequest each;
    // the format applies once, to the merged rows (it may name .Context, which one context's rows lack)
    if (request instanceof Ps p) {
      view = new Listings.View(p.quiet(), p.noTrunc(), p.format(), p.size());
      each = new Ps(p.all(), p.filters(), false, p.last(), p.noTrunc(), null, p.size());
    } else if (request instanceof Images i) {
      view = new Listings.View(i.quiet(), i.noTrunc(), i.format());
      each = new Images(i.all(), false, i.noTrunc(), null, i.filters());
    } else if (request instanceof Events e) {
      // a surface that answers once (chat, the console; as events in one context there): one bounded window for
      // every context, ending now unless --until says; the format applies to each event, after its context
      view = new Listings.View(false, false, e.format());
      each = new Events(e.since(), e.until() == null ? Instant.now() : e.until(), e.filters(), null);
    } else if (request instanceof Stats || request instanceof SystemDf) {
      view = Listings.View.DEFAULT;
      each = request;
    } else {
      Attempt a = step.attempt(caller, text, request.action(), request.target());
      a.user = step.policy.identify(caller).orElse(null);
      return a.failed(Failure.USAGE, "--context all is for read commands (ps, images, stats, events, system df); name one"
          + " context for " + request.action() + ": " + String.join(", ", step.engines.contexts()));
    }
    Map<String, CompletableFuture<Outcome>> running = new LinkedHashMap<>();
    for (String context : step.engines.contexts()) {
      running.put(context, CompletableFuture.supplyAsync(() -> {
        Attempt a = step.attempt(caller, text, each.action(), each.target());
        a.context = context;
        return step.authorizeAndRun(a, each, AuditedStep.Confirmation.REFUSE, null, null, null,
            step.execute(caller, progress, null)).outcome();
      }, POOL));
    }
    long deadline = System.nanoTime() + PER_CONTEXT.toNanos();
    Map<String, Result> answers = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Outcome firstRefusal = null;
    int denied = 0;
    for (var e : running.entrySet()) {
      Outcome o;
      try {
        o = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException t) {
        failures.put(e.getKey(), "no answer within " + PER_CONTEXT.toSeconds() + " s");
        continue;
      } catch (ExecutionException | InterruptedException x) {
        if (x instanceof InterruptedException) Thread.currentThread().interrupt();
        failures.put(e.getKey(), "internal error: " + x);
        continue;
      }
      if (o instanceof Outcome.Succeeded ok && ok.result() != null) {
        answers.put(e.getKey(), ok.result());
      } else if (o instanceof Outcome.Denied d) {
        failures.put(e.getKey(), d.reason());
        if (firstRefusal == null) firstRefusal = d;
        denied++;
      } else if (o instanceof Outcome.Failed f) {
        failures.put(e.getKey(), f.message());
      } else {
        failures.put(e.getKey(), "no listing (" + o.getClass().getSimpleName() + ")");
      }
    }
    // refused everywhere: the refusal is the answer, as for one context
    if (answers.isEmpty() && denied == running.size()) return firstRefusal;
    if (answers.isEmpty()) {
      return new Outcome.Failed(UUID.randomUUID().toString(), Failure.ENGINE_UNREACHABLE,
          String.join("\n", new AcrossContexts(answers, failures, view).errors()));
    }
    return new Outcome.Succeeded(UUID.randomUUID().toString(), new AcrossContexts(answers, failures, view));
  }
}
