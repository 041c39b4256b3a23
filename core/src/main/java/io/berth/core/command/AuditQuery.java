package io.berth.core.command;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.audit.CommandFolding;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.model.Source;
import io.berth.core.result.AuditPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code audit [--user U] [--action A] [--target T] [--context C] [--outcome O] [--since D] [--limit N] [TEXT]}. */
public record AuditQuery(AuditFilter filter, int limit) implements DockerRequest {
  /** Records read at most for one page of a scoped user's audit (hidden ones are skipped). */
  public static final int AUDIT_SCAN = 10_000;

  public AuditQuery {
    if (limit < 1 || limit > 500) throw new IllegalArgumentException("--limit must be 1..500");
  }

  public static final CommandSpec<AuditQuery> SPEC = new CommandSpec<>() {
    @Override public Class<AuditQuery> type() { return AuditQuery.class; }
    @Override public Grammar<AuditQuery> grammar() { return new AuditGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public boolean runsOnEngine() { return false; } // the audit trail, whatever the context
    @Override public AuditQuery probe() { return new AuditQuery(AuditFilter.ALL, 1); }

    /**
     * One page of the commands the caller may see (phases folded into one entry each), newest
     * first; records the caller may not see are left out. At most {@link #AUDIT_SCAN} matching
     * records are read per page, after which the page ends early with a cursor so the next page
     * carries on.
     */
    @Override
    public AuditPage execute(AuditQuery q, Execution x) {
      CommandFolding.Page page = CommandFolding.page(x.audit(), q.filter(), q.limit(), x.visibleRecords(), AUDIT_SCAN);
      return new AuditPage(page.commands(), page.nextCursor());
    }

    @Override
    public void describe(AuditQuery q, Words w) {
      AuditFilter f = q.filter();
      w.optional("--user", f.user()).optional("--source", f.source() == null ? null : f.source().id())
          .optional("--action", f.action()).optional("--target", f.target()).optional("--context", f.context())
          .optional("--outcome", f.outcome() == null ? null : f.outcome().id()).optional("--since", f.from())
          .optional("--limit", q.limit() == 20 ? null : q.limit());
      if (f.text() != null) w.add(f.text());
    }
  };

  @Command(name = "audit", description = "Show who did what (newest first).",
      customSynopsis = "audit [--user U] [--source S] [--action A] [--target T] [--context C] [--outcome O] [--since WHEN] [--limit N] [TEXT]")
  static final class AuditGrammar extends Grammar<AuditQuery> {
    @Option(names = "--user", paramLabel = "USER", description = "Berth user name.")
    String user;

    @Option(names = "--source", paramLabel = "SOURCE", description = "Platform name: slack, discord, web, cli, …")
    String source;

    @Option(names = "--action", paramLabel = "ACTION", description = "Command name, e.g. rm.")
    String action;

    @Option(names = "--target", paramLabel = "TARGET", description = "Container, image or tag.")
    String target;

    // after the command, so not docker's global option: the context the listed commands ran in
    @Option(names = "--context", paramLabel = "CONTEXT", description = "Context (endpoint) the command ran in.")
    String context;

    @Option(names = "--outcome", paramLabel = "OUTCOME", completionCandidates = AuditOutcome.Ids.class,
        description = "One of: ${COMPLETION-CANDIDATES}.")
    String outcome;

    @Option(names = "--since", paramLabel = "WHEN", description = "A duration ago (10m, 2h), an RFC 3339 timestamp or unix seconds.")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (1..500, default 20).")
    String limit;

    @Parameters(index = "0..*", paramLabel = "TEXT", description = "Text to find in the command, target or message.")
    List<String> text = new ArrayList<>();

    @Override
    public AuditQuery toRequest(ArgumentReader in) {
      Source src = null;
      if (source != null) {
        try {
          src = Source.of(source);
        } catch (IllegalArgumentException e) {
          // any platform name: chat platforms are not a closed list (a record's source is its name)
          throw in.error("--source \"" + source + "\" is not a platform name (e.g. slack, discord, web, cli)");
        }
      }
      AuditOutcome out = null;
      if (outcome != null) {
        try {
          out = AuditOutcome.fromId(outcome.replace('-', '_'));
        } catch (IllegalArgumentException e) {
          throw in.error("unknown --outcome \"" + outcome + "\" (known: " + String.join(", ", AuditOutcome.ids()) + ")");
        }
      }
      if (context != null && !ContextTarget.CONTEXT_NAME.matcher(context).matches()) {
        throw in.error("--context \"" + context + "\" is not a context name (letters, digits and _ . + -)");
      }
      String t = text.isEmpty() ? null : String.join(" ", text);
      AuditFilter f = new AuditFilter(user, src, action, target, out, in.since("--since", since), null, t, null)
          .inContext(context);
      return new AuditQuery(f, in.limit(limit));
    }
  }
}
