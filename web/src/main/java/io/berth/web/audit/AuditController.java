package io.berth.web.audit;

import io.berth.core.audit.AuditedCommand;
import io.berth.core.audit.ExportFormat;
import io.berth.core.command.AuditQuery;
import io.berth.core.model.Caller;
import io.berth.core.result.AuditPage;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.view.Flash;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit history: filters, keyset paging, streamed CSV / JSON lines export. */
public final class AuditController {
  static final int PAGE = 50;

  private final CommandService commands;
  private final RequestContext req;
  private final Views views;

  public AuditController(CommandService commands, RequestContext req, Views views) {
    this.commands = commands;
    this.req = req;
    this.views = views;
  }

  public void list(Context ctx) {
    AuditForm form = form(ctx);
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, "audit"));
    p.put("form", form);
    p.put("contexts", commands.contexts()); // the context select: the configured endpoints
    List<AuditedCommand> shown = List.of();
    Long next = null;
    Optional<Flash> flash = Optional.empty();
    try {
      form.validate();
      Outcome o = commands.execute(req.caller(ctx), new AuditQuery(form.filter(before(ctx)), PAGE), null,
          ProgressListener.IGNORE);
      if (o instanceof Outcome.Succeeded s && s.result() instanceof AuditPage page) {
        shown = page.commands();
        next = page.nextCursor();
      } else {
        flash = Optional.of(Outcomes.flash(o));
      }
    } catch (IllegalArgumentException e) {
      flash = Optional.of(new Flash("failed", "Check the filter", e.getMessage(), null));
      ctx.status(HttpStatus.BAD_REQUEST);
    }
    p.put("commands", shown);
    p.put("next", Optional.ofNullable(next));
    p.put("flash", flash);
    views.respond(ctx, "audit", p);
  }

  public void export(Context ctx) throws IOException {
    AuditForm form = form(ctx);
    String fmt = ctx.queryParam("format");
    ExportFormat format = "jsonl".equals(fmt) ? ExportFormat.JSONL : ExportFormat.CSV;
    boolean raw = "1".equals(ctx.queryParam("raw")); // one line per stored record instead of per command
    try {
      form.validate();
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain").result(e.getMessage());
      return;
    }
    Caller caller = req.caller(ctx);
    if (!commands.permits(caller, "audit")) {
      ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain").result("You may not read the audit trail.");
      return;
    }
    ctx.contentType(format == ExportFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"berth-audit" + (raw ? "-raw." : ".") + (format == ExportFormat.CSV ? "csv" : "jsonl") + "\"");
    Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 64 * 1024);
    Outcome o = commands.exportAudit(caller, form.filter(null), format, raw, w);
    w.flush();
    if (!(o instanceof Outcome.Succeeded)) {
      // headers are gone already; say it in the body's last line
      w.write("\n# export incomplete: " + Outcomes.flash(o).text() + "\n");
      w.flush();
    }
  }

  private static AuditForm form(Context ctx) {
    return new AuditForm(ctx.queryParam("user"), ctx.queryParam("source"), ctx.queryParam("action"),
        ctx.queryParam("target"), ctx.queryParam("context"), ctx.queryParam("outcome"), ctx.queryParam("from"), ctx.queryParam("to"),
        ctx.queryParam("text"));
  }

  private static Long before(Context ctx) {
    String b = ctx.queryParam("before");
    if (b == null || b.isBlank()) return null;
    try {
      return Long.parseLong(b.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("before: a record number");
    }
  }
}
