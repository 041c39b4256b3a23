package io.berth.core.service;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.command.AuditQuery;
import io.berth.core.command.Build;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Help;
import io.berth.core.command.Images;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Pull;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Rmi;
import io.berth.core.command.Run;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.language.CommandLanguage;
import io.berth.core.language.SecretMasking;
import io.berth.core.model.BerthUser;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.result.AuditPage;
import io.berth.core.result.ContainerChanged;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerList;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.Failure;
import io.berth.core.result.HelpText;
import io.berth.core.result.ImageList;
import io.berth.core.result.ImageRemoved;
import io.berth.core.result.LogLine;
import io.berth.core.result.LogOutput;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.PullOutput;
import io.berth.core.result.Result;
import io.berth.core.result.RunOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns an authorized request into engine calls with docker CLI semantics. */
final class RequestExecutor {
  static final int AUDIT_SCAN = 10_000;
  private final ContainerEngine engine;
  private final AccessPolicy policy;
  private final CommandLanguage language;
  private final AuditTrail audit;
  private final CoreLimits limits;

  RequestExecutor(ContainerEngine engine, AccessPolicy policy, CommandLanguage language, AuditTrail audit, CoreLimits limits) {
    this.engine = engine;
    this.policy = policy;
    this.language = language;
    this.audit = audit;
    this.limits = limits;
  }

  Result execute(BerthUser user, DockerRequest request, ProgressListener progress) {
    if (request instanceof Ps ps) {
      List<ContainerSummary> all = engine.listContainers(ps.all(), ps.filters());
      return new ContainerList(all.stream().filter(c -> policy.inScope(user, c)).toList());
    }
    if (request instanceof Run run) return run(run, progress);
    if (request instanceof Start s) {
      engine.start(s.container());
      return changed("start", s.container(), true);
    }
    if (request instanceof Stop s) {
      boolean changed = engine.stop(s.container(), s.timeoutSeconds());
      return changed("stop", s.container(), changed);
    }
    if (request instanceof Restart s) {
      engine.restart(s.container(), s.timeoutSeconds());
      return changed("restart", s.container(), true);
    }
    if (request instanceof Rm s) return rm(s);
    if (request instanceof Logs s) {
      int cap = limits.maxLogLines();
      List<LogLine> lines = engine.logs(s.container(), s.tail(), s.since(), s.timestamps(), cap + 1);
      boolean truncated = lines.size() > cap;
      return new LogOutput(nameOf(s.container()), truncated ? lines.subList(lines.size() - cap, lines.size()) : lines, truncated);
    }
    if (request instanceof Exec s) {
      Map<String, String> env = new LinkedHashMap<>();
      s.env().forEach(e -> env.put(e.key(), e.value()));
      return engine.exec(s.container(), s.command(), env, s.workdir(), limits.execTimeout(), limits.maxOutputBytes());
    }
    if (request instanceof Build b) return build(b, progress);
    if (request instanceof Pull p) return new PullOutput(p.image(), engine.pull(p.image(), progress));
    if (request instanceof Inspect s) return masked(engine.inspect(s.container()));
    if (request instanceof Images s) return new ImageList(engine.images(s.all()));
    if (request instanceof Stats s) return engine.stats(s.container());
    if (request instanceof Rmi s) return new ImageRemoved(s.image(), engine.removeImage(s.image(), s.force()));
    if (request instanceof Help h) return new HelpText(language.help(h.topic()));
    if (request instanceof AuditQuery q) return auditPage(user, q);
    throw new IllegalStateException("no executor for " + request.getClass().getSimpleName());
  }

  /**
   * One page of the records the user may see, newest first. Hidden records are skipped by reading
   * on in batches; at most {@link #AUDIT_SCAN} are read per page, after which the page ends early
   * with a cursor so the next page carries on.
   */
  private AuditPage auditPage(BerthUser user, AuditQuery q) {
    Predicate<AuditEntry> visible = AuditVisibility.of(user, policy, engine);
    List<AuditRecord> page = new ArrayList<>();
    AuditFilter filter = q.filter();
    int batchSize = q.limit() + 1;
    int scanned = 0;
    while (true) {
      List<AuditRecord> batch = audit.query(filter, batchSize);
      for (AuditRecord r : batch) {
        if (!visible.test(r.entry())) continue;
        if (page.size() == q.limit()) return new AuditPage(page, page.get(page.size() - 1).seq());
        page.add(r);
      }
      scanned += batch.size();
      if (batch.size() < batchSize) return new AuditPage(page, null);
      long last = batch.get(batch.size() - 1).seq();
      if (scanned >= AUDIT_SCAN) return new AuditPage(page, last);
      filter = filter.before(last);
      batchSize = Math.max(batchSize, 500);
    }
  }

  /** docker run: look locally, pull when missing, create, start, then wait unless detached. */
  private RunOutput run(Run run, ProgressListener progress) {
    boolean pulled = false;
    if (!engine.imageExists(run.image())) {
      progress.on(new Progress.Line("Unable to find image '" + run.image() + "' locally"));
      engine.pull(run.image(), progress);
      pulled = true;
    }
    String id = engine.create(run);
    try {
      engine.start(id);
    } catch (EngineException e) {
      // docker leaves the created container behind; with --rm it must not linger
      if (run.autoRemove()) engine.remove(id, true, false);
      throw e;
    }
    String name = nameOf(id);
    if (run.detach()) return new RunOutput(id, name, pulled, null, "", false);

    int exit;
    try {
      exit = engine.waitForExit(id, limits.runTimeout());
    } catch (EngineException e) {
      if (e.kind() != Failure.TIMEOUT) throw e;
      throw stoppedAfterTimeout(run, id, name);
    }
    Output out = output(id);
    if (run.autoRemove()) engine.remove(id, true, false);
    return new RunOutput(id, name, pulled, exit, out.text(), out.truncated());
  }

  /** Seconds a timed-out container gets to stop on SIGTERM before docker kills it. */
  static final int TIMEOUT_STOP_GRACE_SECONDS = 2;

  /**
   * An attached run past engine.runTimeout: nobody waits for it any more, so it must not go on
   * running unseen. Keep what it printed, stop it (and remove it with --rm), and say all that.
   */
  private EngineException stoppedAfterTimeout(Run run, String id, String name) {
    Output out = output(id);
    String done;
    try {
      engine.stop(id, TIMEOUT_STOP_GRACE_SECONDS);
      done = "Berth stopped it";
      if (run.autoRemove()) {
        engine.remove(id, true, false);
        done += " and removed it (--rm)";
      }
    } catch (EngineException e) {
      done = "Berth could not stop it (" + e.getMessage() + "); it may still be running: stop it with `stop " + name + "`";
    }
    String seconds = limits.runTimeout().toSeconds() + "s";
    String text = "Container " + name + " did not exit within " + seconds + " (engine.runTimeout); " + done
        + ". Use run -d for long-running containers."
        + (out.text().isEmpty() ? "" : "\nOutput so far" + (out.truncated() ? " (truncated)" : "") + ":\n" + out.text());
    return new EngineException(Failure.TIMEOUT, text.stripTrailing());
  }

  private record Output(String text, boolean truncated) {}

  /** The container's log, bounded like every output Berth returns. */
  private Output output(String id) {
    List<LogLine> lines = engine.logs(id, null, null, false, limits.maxLogLines() + 1);
    StringBuilder out = new StringBuilder();
    boolean truncated = lines.size() > limits.maxLogLines();
    for (LogLine l : lines) {
      if (out.length() + l.text().length() + 1 > limits.maxOutputBytes()) {
        truncated = true;
        break;
      }
      out.append(l.text()).append('\n');
    }
    return new Output(out.toString(), truncated);
  }

  private ContainerChanged rm(Rm rm) {
    ContainerSummary c = engine.resolveContainer(rm.container());
    if (c.running() && !rm.force()) {
      throw new EngineException(Failure.CONFLICT, "You cannot remove a running container " + c.shortId()
          + " (" + c.name() + "). Stop the container before attempting removal or use rm -f.");
    }
    engine.remove(c.id(), rm.force(), rm.volumes());
    return new ContainerChanged("rm", c.id(), c.name(), true);
  }

  private io.berth.core.result.BuildOutput build(Build b, ProgressListener progress) {
    if (b.context() instanceof Build.Tarball t) return engine.build(b.tag(), t.file(), true, progress);
    Build.Directory d = (Build.Directory) b.context();
    Path dir = resolveBuildDirectory(d.path());
    return engine.build(b.tag(), dir, false, progress);
  }

  /**
   * A build context must lie under a configured build root; anything else could read the host.
   * "Under" is decided on real paths: a context that is (or passes through) a symbolic link
   * leading out of the roots is refused. Returns the real path, so nothing later follows a link.
   */
  Path resolveBuildDirectory(String given) {
    for (Path root : limits.buildRoots()) {
      Path realRoot = realPath(root);
      if (realRoot == null) continue;
      for (Path candidate : List.of(root.resolve(given).toAbsolutePath().normalize(), Path.of(given).toAbsolutePath().normalize())) {
        if (!candidate.startsWith(root) || !Files.isDirectory(candidate)) continue;
        Path real = realPath(candidate);
        if (real != null && real.startsWith(realRoot)) return real;
        throw new EngineException(Failure.INVALID, "build context \"" + given + "\" is a symbolic link (or lies under one) "
            + "leading outside the build roots " + limits.buildRoots() + "; Berth builds only what lies inside them");
      }
    }
    throw new EngineException(Failure.INVALID, "build context \"" + given + "\" is not a directory under the build roots "
        + limits.buildRoots() + " (set build.roots in the configuration)");
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private ContainerDetails masked(ContainerDetails d) {
    List<String> env = d.env().stream().map(e -> e.indexOf('=') < 0 ? e : SecretMasking.maskAssignment(e)).toList();
    return new ContainerDetails(d.summary(), d.imageId(), d.command(), env, d.mounts(), d.restartPolicy(), d.exitCode(),
        d.startedAt(), d.finishedAt(), d.health(), d.restartCount(), d.oomKilled(), d.networks());
  }

  private ContainerChanged changed(String action, String id, boolean changed) {
    return new ContainerChanged(action, id, nameOf(id), changed);
  }

  private String nameOf(String id) {
    try {
      return engine.resolveContainer(id).name();
    } catch (EngineException e) {
      return id; // e.g. removed with --rm meanwhile
    }
  }
}
