package io.berth.web.swarm;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.ServiceLs;
import io.berth.core.command.ServicePs;
import io.berth.core.command.ServiceRm;
import io.berth.core.command.ServiceRollback;
import io.berth.core.command.ServiceScale;
import io.berth.core.command.ServiceUpdate;
import io.berth.core.command.Swarm;
import io.berth.core.model.Caller;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.SwarmRow;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.live.Job;
import io.berth.web.live.JobBoard;
import io.berth.web.live.JobSteps;
import io.berth.web.view.ConfirmView;
import io.berth.web.view.ContextChoice;
import io.berth.web.view.Flash;
import io.berth.web.view.Views;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Services page (a Swarm manager's services in one context) and a service's page (its tasks, and scale / update
 * --image / rollback / rm). Every read and action is a catalog command run through the core as the signed-in person
 * ({@code service ls}, {@code service ps}, {@code service scale} …): the same permission class, scope, confirmation
 * and audit as from the CLI or chat. Rollouts run in the background and their progress (the core's, as the CLI shows
 * it) is streamed to the page; the lists follow the manager's Swarm events.
 */
public final class ServicesController {
  private final CommandService commands;
  private final RequestContext req;
  private final Views views;
  private final Outcomes outcomes;
  private final JobBoard jobs;
  private final SwarmLive live;
  private final SwarmListPage<SwarmRow.ServiceRow> list;

  public ServicesController(CommandService commands, RequestContext req, Views views, Outcomes outcomes,
      io.berth.web.live.SseHub hub, JobBoard jobs) {
    this.commands = commands;
    this.req = req;
    this.views = views;
    this.outcomes = outcomes;
    this.jobs = jobs;
    this.live = new SwarmLive(commands, hub);
    this.list = new SwarmListPage<>(commands, req, views, live, "services", "fragment/serviceRows.jte",
        new ServiceLs(false, List.of(), null), SwarmRow.ServiceRow.class);
  }

  public void list(Context ctx) {
    list.list(ctx);
  }

  /** SSE: the services table, read again after each Swarm event of the context. */
  public void events(SseClient client) {
    list.events(client);
  }

  private Listed<SwarmRow.TaskRow> tasks(Caller caller, String context, String service) {
    return Listed.of(commands.execute(caller, context, new ServicePs(List.of(service), false, true, List.of(), null), null,
        ProgressListener.IGNORE, null), SwarmRow.TaskRow.class);
  }

  /** One service: what {@code service ls} says of it, its tasks, the actions the caller's role has. */
  public void page(Context ctx) {
    String name = name(ctx);
    ContextChoice contexts = SwarmContexts.of(commands, ctx);
    Caller caller = req.caller(ctx);
    Listed<SwarmRow.ServiceRow> listed = named(caller, contexts.selected(), name);
    Optional<SwarmRow.ServiceRow> service = listed.rows().stream().findFirst();
    Optional<Flash> flash = listed.flash();
    if (service.isEmpty() && flash.isEmpty()) {
      ctx.status(404);
      flash = Optional.of(new Flash("failed", "service " + name + " not found", "", null));
    }
    Listed<SwarmRow.TaskRow> tasks = service.isPresent() ? tasks(caller, contexts.selected(), name)
        : new Listed<>(List.of(), Optional.empty());
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, "services"));
    p.put("name", name);
    p.put("service", service);
    p.put("tasks", tasks.rows());
    p.put("flash", flash.or(tasks::flash));
    p.put("contexts", contexts);
    views.page(ctx, "service", p);
  }

  /** {@code service ls --filter name=NAME}, kept to the service of exactly that name (docker's filter matches prefixes). */
  private Listed<SwarmRow.ServiceRow> named(Caller caller, String context, String name) {
    Listed<SwarmRow.ServiceRow> l = Listed.of(commands.execute(caller, context, new ServiceLs(false, List.of("name=" + name), null),
        null, ProgressListener.IGNORE, null), SwarmRow.ServiceRow.class);
    return new Listed<>(l.rows().stream().filter(s -> s.name().equals(name)).toList(), l.flash());
  }

  private Optional<SwarmRow.ServiceRow> service(Caller caller, String context, String name) {
    return named(caller, context, name).rows().stream().findFirst();
  }

  /** SSE: the service's summary and tasks, read again after each Swarm event of the context. */
  public void serviceEvents(SseClient client) {
    Context ctx = client.ctx();
    Caller caller = req.caller(ctx);
    String name = name(ctx);
    ContextChoice contexts = SwarmContexts.of(commands, ctx);
    live.stream(client, caller, contexts.selected(), () -> {
      Map<String, String> messages = new java.util.LinkedHashMap<>();
      // the summary's running/desired (digits only), then the tasks
      service(caller, contexts.selected(), name).ifPresent(s -> messages.put("replicas", s.replicas()));
      messages.put("rows", views.render("fragment/taskRows.jte", Map.of("tasks", tasks(caller, contexts.selected(), name).rows())));
      return messages;
    });
  }

  /** scale, update --image, rollback: run in the background, the rollout's progress streamed to the page. */
  public void scale(Context ctx) {
    String name = name(ctx);
    int replicas;
    try {
      replicas = Integer.parseInt(String.valueOf(ctx.formParam("replicas")).strip());
    } catch (NumberFormatException e) {
      throw new BadRequestResponse("replicas must be a whole number, 0 or more");
    }
    if (replicas < 0 || replicas > 10_000) throw new BadRequestResponse("replicas must be between 0 and 10000");
    rollout(ctx, name, new ServiceScale(List.of(new ServiceScale.Scale(name, replicas)), false),
        "Scaling " + name + " to " + replicas);
  }

  public void update(Context ctx) {
    String name = name(ctx);
    String image = ctx.formParam("image") == null ? "" : ctx.formParam("image").strip();
    ServiceUpdate update;
    try {
      update = new ServiceUpdate(name, image, List.of(), List.of(), null, false, false);
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse("Not an image reference: " + e.getMessage());
    }
    rollout(ctx, name, update, "Updating " + name + " to " + image);
  }

  public void rollback(Context ctx) {
    String name = name(ctx);
    rollout(ctx, name, new ServiceRollback(name, false), "Rolling back " + name);
  }

  /** rm: confirmed by default (the dialog, as for a container's Remove), answered in the page's flash. */
  public void remove(Context ctx) {
    String name = name(ctx);
    ContextChoice contexts = SwarmContexts.of(commands, ctx);
    outcomes.respond(ctx, commands.execute(req.caller(ctx), contexts.selected(), new ServiceRm(List.of(name)), null,
        ProgressListener.IGNORE, null), "#flash");
  }

  private void rollout(Context ctx, String name, DockerRequest request, String title) {
    ContextChoice contexts = SwarmContexts.of(commands, ctx);
    Caller caller = req.caller(ctx);
    if (!commands.permits(caller, request.action())) {
      // a role without this command (no button was shown): the core refuses and audits it, answered as a 403 here
      outcomes.respond(ctx, commands.execute(caller, contexts.selected(), request, null, ProgressListener.IGNORE, null),
          "#flash");
      return;
    }
    Job job = jobs.start(caller.platformUserId(), j -> {
      RolloutBoard board = new RolloutBoard();
      ProgressListener listener = JobSteps.throttled(board::on,
          () -> j.emit("progress", views.render("fragment/rollout.jte", Map.of("text", board.text())), true));
      Outcome o = JobSteps.outcomeOf(title, () -> commands.execute(caller, contexts.selected(), request, null, listener, null));
      j.emit("progress", views.render("fragment/rollout.jte", Map.of("text", board.text())), true);
      Map<String, Object> done = new HashMap<>();
      done.put("flash", Outcomes.flash(o));
      // a confirmation asked for by the policy: its dialog in the job's place, answered into the page's flash
      done.put("confirm", o instanceof Outcome.ConfirmationRequired c
          ? Optional.of(new ConfirmView(List.of(new ConfirmView.Item(c.token(), c.prompt())), "#flash")) : Optional.empty());
      j.emit("done", views.render("fragment/rolloutDone.jte", done), false);
    });
    views.fragment(ctx, "rolloutJob", Map.of("jobId", job.id(), "title", title));
  }

  /** The path's service name, by swarmkit's rule (the core checks it again); anything else is a 400. */
  static String name(Context ctx) {
    String name = ctx.pathParam("name");
    if (!Swarm.isName(name)) throw new BadRequestResponse("invalid service name: use letters and digits, with - or _"
        + " only between them, at most 63 characters");
    return name;
  }
}
