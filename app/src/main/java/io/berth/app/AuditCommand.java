package io.berth.app;

import io.berth.core.adapter.sqlite.SqliteAuditTrail;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.VerifyReport;
import io.berth.core.model.Source;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.AuditPage;
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

/** {@code ./berth audit verify|export|tail}: the local operator's view of the audit file. */
@Command(name = "audit", description = "Verify, export or follow the audit trail.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Tail.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static AuditTrail open(ConfigOption config) {
    Path db = config.load().data().auditDb();
    if (!Files.exists(db)) {
      throw new UserFacingException("no audit trail at " + db + " yet (it is created by the first command)", 1);
    }
    return SqliteAuditTrail.open(db);
  }

  /** Filters shared by export and tail. */
  static final class Filters {
    @Option(names = "--user") String user;
    @Option(names = "--source", description = "slack, discord, web or cli") String source;
    @Option(names = "--action") String action;
    @Option(names = "--target") String target;
    @Option(names = "--outcome", description = "requested, succeeded, failed, denied, confirmation_required, interrupted") String outcome;
    @Option(names = "--since", description = "duration (10m, 1h30m), timestamp (2026-11-28T10:00:00Z) or unix seconds")
    String since;
    @Option(names = "--until", description = "same forms as --since") String until;
    @Option(names = "--text") String text;

    AuditFilter toFilter() {
      try {
        return new AuditFilter(user, source == null ? null : Source.valueOf(source.toUpperCase(Locale.ROOT)), action, target,
            outcome == null ? null : AuditOutcome.fromId(outcome), instant("--since", since), instant("--until", until), text, null);
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("bad filter: " + e.getMessage(), 2);
      }
    }

    private static Instant instant(String flag, String s) {
      return TimeText.parse(flag, s, Clock.systemUTC());
    }
  }

  @Command(name = "verify", description = "Walk the hash chain; exit 1 when any record was edited, inserted or deleted.")
  static final class Verify implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (AuditTrail trail = open(config)) {
        VerifyReport report = trail.verify();
        PrintWriter out = spec.commandLine().getOut();
        if (report.ok()) {
          out.println("audit trail OK: " + report.recordsChecked() + " records, hash chain intact");
          return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("audit trail TAMPERED: " + report.problems().size() + " problem(s) in " + report.recordsChecked() + " records");
        report.problems().forEach(p -> err.println("  " + p));
        return 1;
      }
    }
  }

  @Command(name = "export", description = "Stream matching records, newest first, as CSV or JSON lines.")
  static final class Export implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin Filters filters;
    @Option(names = "--format", defaultValue = "jsonl", description = "csv or jsonl (default ${DEFAULT-VALUE})") String format;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ExportFormat f;
      try {
        f = ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserFacingException("--format must be csv or jsonl, not \"" + format + "\"", 2);
      }
      Writer w = new BufferedWriter(spec.commandLine().getOut());
      try (AuditTrail trail = open(config)) {
        trail.export(filters.toFilter(), f, w);
      }
      w.flush();
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
      PlainTextRenderer renderer = new PlainTextRenderer();
      try (AuditTrail trail = open(config)) {
        AuditFilter filter = filters.toFilter();
        List<AuditRecord> latest = new ArrayList<>(trail.query(filter, lines));
        Collections.reverse(latest);
        out.print(renderer.render(new AuditPage(latest, null)));
        out.flush();
        long last = latest.isEmpty() ? 0 : latest.get(latest.size() - 1).seq();
        while (!noFollow) {
          Thread.sleep(1000);
          List<AuditRecord> fresh = new ArrayList<>(trail.query(filter, 500));
          final long after = last;
          fresh.removeIf(r -> r.seq() <= after);
          if (fresh.isEmpty()) continue;
          Collections.reverse(fresh);
          String table = renderer.render(new AuditPage(fresh, null));
          out.print(table.substring(table.indexOf('\n') + 1)); // header printed once
          out.flush();
          last = fresh.get(fresh.size() - 1).seq();
        }
      }
      return 0;
    }
  }
}
