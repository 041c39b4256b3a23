package io.berth.web.images;

import io.berth.core.command.Build;
import io.berth.core.command.ImageRef;
import io.berth.core.command.Images;
import io.berth.core.command.Pull;
import io.berth.core.command.Rmi;
import io.berth.core.model.Caller;
import io.berth.core.result.ImageList;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.Outcome;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.web.http.Outcomes;
import io.berth.web.http.RequestContext;
import io.berth.web.live.Job;
import io.berth.web.live.JobBoard;
import io.berth.web.live.JobSteps;
import io.berth.web.live.PullMeter;
import io.berth.web.live.SseChannel;
import io.berth.web.live.SseHub;
import io.berth.web.view.Flash;
import io.berth.web.view.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Images: list, remove, pull with a live progress bar, build from an upload with streamed output. */
public final class ImagesController {
  private static final long MAX_UPLOAD = 512L << 20;

  private final CommandService commands;
  private final RequestContext req;
  private final Views views;
  private final Outcomes outcomes;
  private final SseHub hub;
  private final JobBoard jobs;

  public ImagesController(CommandService commands, RequestContext req, Views views, Outcomes outcomes, SseHub hub,
      JobBoard jobs) {
    this.commands = commands;
    this.req = req;
    this.views = views;
    this.outcomes = outcomes;
    this.hub = hub;
    this.jobs = jobs;
  }

  public void list(Context ctx) {
    Outcome o = commands.execute(req.caller(ctx), new Images(false), null, ProgressListener.IGNORE);
    List<ImageSummary> images = o instanceof Outcome.Succeeded s && s.result() instanceof ImageList l ? l.images() : List.of();
    Map<String, Object> p = new HashMap<>();
    p.put("chrome", req.chrome(ctx, "images"));
    p.put("images", images);
    p.put("flash", o instanceof Outcome.Succeeded ? Optional.<Flash>empty() : Optional.of(Outcomes.flash(o)));
    views.respond(ctx, "images", p);
  }

  public void remove(Context ctx) {
    String image = ctx.formParam("image") == null ? null : ctx.formParam("image").strip();
    if (image == null || !ImageRef.isValid(image)) {
      bad(ctx, "Not an image reference: " + reason(image));
      return;
    }
    outcomes.respond(ctx, commands.execute(req.caller(ctx), new Rmi(image, false), null, ProgressListener.IGNORE),
        "#images-flash");
  }

  public void pull(Context ctx) {
    String image = named(ctx.formParam("image"));
    if (image == null) {
      bad(ctx, "Enter an image such as localhost:5000/app:1.2 (" + reason(ctx.formParam("image")) + ")");
      return;
    }
    Caller caller = req.caller(ctx);
    Job job = jobs.start(caller.platformUserId(), j -> {
      PullMeter meter = new PullMeter();
      ProgressListener listener = JobSteps.throttled(meter::on,
          () -> j.emit("progress", bar(image, meter, false, Optional.empty()), true));
      Outcome o = JobSteps.outcomeOf("pull", () -> commands.execute(caller, new Pull(image), null, listener));
      j.emit("done", bar(image, meter, o instanceof Outcome.Succeeded, Optional.of(Outcomes.flash(o))), false);
    });
    views.fragment(ctx, "job", Map.of("jobId", job.id(), "kind", "pull", "title", "Pulling " + image));
  }

  public void build(Context ctx) {
    String tag = named(ctx.formParam("tag"));
    UploadedFile file = ctx.uploadedFile("context");
    if (tag == null || file == null) {
      bad(ctx, "Choose a Dockerfile or a context tar, and a tag such as myapp:dev");
      return;
    }
    Path spooled;
    try (InputStream in = file.content()) {
      spooled = TarWrapper.spool(file.filename(), in, MAX_UPLOAD);
    } catch (IOException e) {
      bad(ctx, "Upload failed: " + e.getMessage());
      return;
    }
    Caller caller = req.caller(ctx);
    Job job = jobs.start(caller.platformUserId(), j -> {
      Outcome o;
      try {
        o = JobSteps.outcomeOf("build", () -> commands.execute(caller, new Build(tag, new Build.Tarball(spooled)), null, p -> {
          String text = p instanceof Progress.Layer l ? l.layerId() + " " + l.status() : Progress.describe(p);
          j.emit("line", views.render("fragment/jobLine.jte", Map.of("text", text)), false);
        }));
      } finally {
        try {
          Files.deleteIfExists(spooled);
        } catch (IOException ignored) {
          // a temp file; the OS cleans its temp directory
        }
      }
      j.emit("done", views.render("fragment/jobDone.jte", Map.of("flash", Outcomes.flash(o))), false);
    });
    views.fragment(ctx, "job", Map.of("jobId", job.id(), "kind", "build", "title", "Building " + tag));
  }

  /** SSE: replay and follow one of the caller's jobs. */
  public void jobEvents(SseClient client) {
    Context ctx = client.ctx();
    Optional<Job> job = jobs.find(ctx.pathParam("id"), req.caller(ctx).platformUserId());
    AtomicReference<SseChannel> ref = new AtomicReference<>();
    SseChannel ch = hub.open(client, () -> job.ifPresent(j -> {
      SseChannel c = ref.get();
      if (c != null) j.detach(c);
    }));
    ref.set(ch);
    if (job.isEmpty()) {
      ch.send("done", views.render("fragment/jobDone.jte",
          Map.of("flash", new Flash("failed", "No such job", "It finished long ago or belongs to someone else.", null))));
      return;
    }
    job.get().attach(ch);
  }

  private String bar(String image, PullMeter meter, boolean done, Optional<Flash> result) {
    Map<String, Object> p = new HashMap<>();
    p.put("image", image);
    p.put("percent", done ? 100 : meter.percent());
    p.put("layers", meter.layerCount());
    p.put("status", meter.lastStatus());
    p.put("done", done);
    p.put("result", result);
    return views.render("fragment/pullProgress.jte", p);
  }

  private void bad(Context ctx, String message) {
    ctx.status(HttpStatus.BAD_REQUEST);
    views.fragment(ctx, "outcomes", Map.of("flashes", List.of(new Flash("failed", message, "", null)),
        "confirm", Optional.empty()));
  }

  /** A name by docker's reference grammar (the core's {@link ImageRef}), or null. */
  private static String named(String s) {
    if (s == null) return null;
    String t = s.strip();
    try {
      ImageRef.parse(t);
      return t;
    } catch (ImageRef.InvalidReference e) {
      return null;
    }
  }

  /** Docker's words for why the text is not a reference. */
  private static String reason(String s) {
    try {
      ImageRef.parse(s == null ? "" : s.strip());
      return "invalid reference format";
    } catch (ImageRef.InvalidReference e) {
      return e.reason();
    }
  }
}
