package io.berth.app;

import io.berth.core.audit.AuditArchiver;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.AuditVerifier;
import io.berth.core.audit.FileCheckpointWitness;
import io.berth.core.audit.SigningKeys;
import io.berth.core.config.BerthConfig;
import io.berth.core.model.Caller;
import io.berth.core.result.Outcome;
import java.time.Clock;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.VerifyReport;
import io.berth.core.model.Source;
import io.berth.core.render.PlainTextRenderer;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import io.berth.core.language.TimeText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./berth audit verify|export|tail|archive}: the local operator's view of the audit trail (SQLite file or PostgreSQL). */
@Command(name = "audit", description = "Verify, export, follow or archive the audit trail.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Tail.class,
        AuditCommand.Archive.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Refuses early when there is no trail yet, rather than creating an empty one to look at. */
  static BerthConfig existing(ConfigOption config) {
    BerthConfig cfg = config.load();
    if (cfg.audit().store() != io.berth.core.config.AuditSettings.Store.SQLITE) return cfg; // a server: opening says why not
    Path db = cfg.data().auditDb();
    if (!Files.exists(db)) {
      throw new UserFacingException("no audit trail at " + db + " yet (it is created by the first command)", 1);
    }
    return cfg;
  }

  /** Filters shared by export and tail. */
  static final class Filters {
    @Option(names = "--user") String user;
    @Option(names = "--source", description = "slack, discord, web or cli") String source;
    @Option(names = "--action") String action;
    @Option(names = "--target") String target;
    @Option(names = "--context", description = "the context (engine.endpoints[].name) commands ran in") String context;
    @Option(names = "--outcome", completionCandidates = AuditOutcome.Ids.class, description = "${COMPLETION-CANDIDATES}")
    String outcome;
    @Option(names = "--since", description = "duration (10m, 1h30m), timestamp (2026-11-28T10:00:00Z) or unix seconds")
    String since;
    @Option(names = "--until", description = "same forms as --since") String until;
    @Option(names = "--text") String text;

    AuditFilter toFilter() {
      try {
        return new AuditFilter(user, source == null ? null : Source.of(source), action, target,
            outcome == null ? null : AuditOutcome.fromId(outcome), instant("--since", since), instant("--until", until), text, null)
            .inContext(contextName());
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("bad filter: " + e.getMessage(), 2);
      }
    }

    private String contextName() {
      if (context != null && !io.berth.core.command.ContextTarget.CONTEXT_NAME.matcher(context).matches()) {
        throw new IllegalArgumentException("--context \"" + context + "\" is not a context name (letters, digits and _ . + -)");
      }
      return context;
    }

    private static Instant instant(String flag, String s) {
      return TimeText.parse(flag, s, Clock.systemUTC());
    }
  }

  @Command(name = "verify", description = "Check the hash chain across archives, every checkpoint's signature, and the"
      + " witness file; exit 1 naming any edited, inserted or deleted record, truncation or re-chained tail.")
  static final class Verify implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;
    @Option(names = "--public-key", paramLabel = "FILE",
        description = "Ed25519 public key (PEM) checkpoints must be signed with (default: audit-signing.pub next to the key file)")
    Path publicKey;
    @Option(names = "--witness", paramLabel = "FILE", description = "witness file of checkpoints (JSON lines) the trail must reach")
    Path witness;

    @Override
    public Integer call() {
      BerthConfig cfg = existing(config);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path keyFile = publicKey != null ? publicKey : BerthRuntime.publicKeyFile(cfg);
      AuditVerifier verifier;
      try (AuditTrail trail = BerthRuntime.openForReading(cfg)) {
        verifier = new AuditVerifier(trail).withArchive(BerthRuntime.archiveDir(cfg))
            .withRecordings(BerthRuntime.recordings(cfg));
        if (Files.exists(keyFile)) {
          verifier.withPublicKey(readKey(keyFile));
        } else if (publicKey != null) {
          throw new UserFacingException("--public-key " + publicKey + ": no such file", 2);
        }
        if (witness != null) {
          if (!Files.exists(witness)) throw new UserFacingException("--witness " + witness + ": no such file", 2);
          try {
            verifier.withWitness(witness.toString(), FileCheckpointWitness.read(witness));
          } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), 2);
          }
        }
        VerifyReport report = verifier.verify();
        if (report.ok()) {
          out.println("audit trail OK: " + report.recordsChecked() + " records, hash chain intact"
              + (Files.exists(keyFile) ? ", checkpoints signed by " + keyFile : ""));
          report.notes().forEach(n -> out.println("  note: " + n));
          return 0;
        }
        err.println("audit trail TAMPERED: " + report.problems().size() + " problem(s) in " + report.recordsChecked() + " records");
        report.problems().forEach(p -> err.println("  " + p));
        report.notes().forEach(n -> err.println("  note: " + n));
        return 1;
      }
    }

    private static java.security.PublicKey readKey(Path file) {
      try {
        return SigningKeys.readPublic(file);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException(e.getMessage(), 2);
      }
    }
  }

  @Command(name = "export", description = "Stream matching commands, newest first, one line each with their steps"
      + " folded in (--raw: one line per stored record), as CSV or JSON lines (authorized and audited like any"
      + " command, as the local operator).")
  static final class Export implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin Filters filters;
    @Option(names = "--format", defaultValue = "jsonl", description = "csv or jsonl (default ${DEFAULT-VALUE})") String format;
    @Option(names = "--raw", description = "one line per stored record (the chain's phases, with hashes)") boolean raw;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ExportFormat f;
      try {
        f = ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("--format must be csv or jsonl, not \"" + format + "\"", 2);
      }
      AuditFilter filter = filters.toFilter();
      Writer w = new BufferedWriter(spec.commandLine().getOut());
      try (BerthRuntime berth = BerthRuntime.start(existing(config), false)) {
        Outcome outcome = berth.commands.exportAudit(DockerCommand.operator(), filter, f, raw, w);
        w.flush();
        if (!(outcome instanceof Outcome.Succeeded)) {
          spec.commandLine().getErr().print(new PlainTextRenderer().render(outcome));
          spec.commandLine().getErr().flush();
          return 1;
        }
      }
      return 0;
    }
  }

  @Command(name = "archive", description = "Move records older than a date into a sealed, signed segment under"
      + " <data.dir>/archive, prune them, and record that in the chain.")
  static final class Archive implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;
    @Option(names = "--before", required = true, paramLabel = "DATE",
        description = "archive records older than this: a date (2026-01-01, UTC), a timestamp, or an age (90d)")
    String before;

    @Override
    public Integer call() throws Exception {
      Instant cutoff;
      try {
        // the one time parser: a date (UTC midnight), a timestamp, unix seconds, or an age back from now
        cutoff = TimeText.parse("--before", before, Clock.systemUTC());
      } catch (RuntimeException e) {
        throw new UserFacingException("--before: \"" + before + "\" is not a date (2026-01-01), an age (90d) or a timestamp", 2);
      }
      try (BerthRuntime berth = BerthRuntime.start(existing(config), false)) {
        Caller operator = DockerCommand.operator();
        String user = berth.policy.identify(operator).map(u -> u.name()).orElse(null);
        AuditArchiver.Archived done;
        try {
          done = new AuditArchiver(berth.audit, berth.signing.signer(), BerthRuntime.archiveDir(berth.config),
              Clock.systemUTC()).archive(cutoff, user, operator);
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new UserFacingException(e.getMessage(), 1);
        }
        spec.commandLine().getOut().println("archived seq " + done.range().firstSeq() + ".." + done.range().throughSeq()
            + " (" + done.records() + " records) to " + done.segment() + "\n  sha256 " + done.range().segmentSha256());
      }
      return 0;
    }
  }

  @Command(name = "tail", description = "Print the latest records, then new ones as they arrive (Ctrl-C to stop).")
  static final class Tail implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin Filters filters;
    @Spec CommandSpec spec;
    @Option(names = {"-n", "--lines"}, defaultValue = "20") int lines;
    @Option(names = "--no-follow", description = "print the latest records and exit") boolean noFollow;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      try (AuditTrail trail = BerthRuntime.openForReading(existing(config))) {
        AuditFilter filter = filters.toFilter();
        List<AuditRecord> latest = new ArrayList<>(trail.query(filter, lines));
        Collections.reverse(latest);
        out.print(PlainTextRenderer.auditRecords(latest)); // the raw phases as they arrive
        out.flush();
        long last = latest.isEmpty() ? 0 : latest.get(latest.size() - 1).seq();
        while (!noFollow) {
          Thread.sleep(1000);
          List<AuditRecord> fresh = new ArrayList<>(trail.query(filter, 500));
          final long after = last;
          fresh.removeIf(r -> r.seq() <= after);
          if (fresh.isEmpty()) continue;
          Collections.reverse(fresh);
          String table = PlainTextRenderer.auditRecords(fresh);
          out.print(table.substring(table.indexOf('\n') + 1)); // header printed once
          out.flush();
          last = fresh.get(fresh.size() - 1).seq();
        }
      }
      return 0;
    }
  }
}
