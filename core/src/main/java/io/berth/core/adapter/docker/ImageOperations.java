package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.command.Build;
import io.berth.core.command.ImageRef;
import io.berth.core.engine.EngineException;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Image calls: existence check, pull with progress, build with streamed output, and rmi. */
final class ImageOperations {
  private static final Pattern BUILT = Pattern.compile("Successfully built ([0-9a-f]+)");

  private final DockerClients clients;
  private final DockerErrors errors;

  ImageOperations(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  boolean exists(String image) {
    DockerJavaEngine.checked(image);
    try {
      clients.ordinary().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /** Pulls and returns docker's final status line ("Status: Downloaded newer image for ..."). */
  String pull(String image, ProgressListener progress, Duration timeout) {
    ImageRef ref = named(image);
    PullCallback cb = new PullCallback(progress);
    try {
      clients.streaming().pullImageCmd(ref.name()).withTag(ref.tagOrDigest()).exec(cb);
      if (!DockerJavaEngine.awaitQuietly(cb, timeout)) {
        throw new EngineException(Failure.TIMEOUT, "Pulling " + ref + " took longer than " + DockerJavaEngine.human(timeout));
      }
    } catch (RuntimeException e) {
      EngineException ee = errors.translate(e);
      throw ee.kind() == Failure.INVALID ? pullFailure(ref, ee.getMessage(), e) : ee;
    } finally {
      DockerJavaEngine.closeQuietly(cb);
    }
    if (cb.error != null) throw pullFailure(ref, cb.error, null);
    return cb.lastStatus == null ? "Pulled " + ref : cb.lastStatus;
  }

  /** A named reference by docker's grammar, or INVALID in docker's words. */
  private static ImageRef named(String image) {
    try {
      return ImageRef.parse(image);
    } catch (ImageRef.InvalidReference e) {
      throw new EngineException(Failure.INVALID, e.getMessage());
    }
  }

  private static EngineException pullFailure(ImageRef ref, String message, Throwable cause) {
    String m = message.toLowerCase(Locale.ROOT);
    Failure kind = m.contains("not found") || m.contains("manifest unknown") || m.contains("does not exist")
        ? Failure.NOT_FOUND : Failure.INVALID;
    return new EngineException(kind, "Error pulling " + ref + ": " + message, cause);
  }

  /** Forwards pull records as progress and remembers the final status or the error. */
  private static final class PullCallback extends ResultCallback.Adapter<PullResponseItem> {
    private final ProgressListener progress;
    volatile String lastStatus;
    volatile String error;

    PullCallback(ProgressListener progress) {
      this.progress = progress;
    }

    @Override
    public void onNext(PullResponseItem item) {
      if (item.getErrorDetail() != null || item.getError() != null) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
        return;
      }
      String status = item.getStatus();
      if (status == null) return;
      if (item.getId() != null && !status.startsWith("Pulling from")) {
        var d = item.getProgressDetail();
        progress.on(new Progress.Layer(item.getId(), status, d == null ? null : d.getCurrent(), d == null ? null : d.getTotal()));
      } else {
        String line = item.getId() != null ? item.getId() + ": " + status : status;
        progress.on(new Progress.Line(line));
        if (status.startsWith("Status:") || status.startsWith("Digest:")) {
          if (status.startsWith("Status:") || lastStatus == null) lastStatus = status;
        }
      }
    }
  }

  BuildOutput build(Build request, Path context, ProgressListener progress, Duration timeout) {
    List<String> tags = request.tags();
    tags.forEach(ImageOperations::named);
    String tag = request.tag();
    boolean isTarball = request.context() instanceof Build.Tarball;
    Build.Options options = request.options();
    List<String> log = new ArrayList<>();
    String[] error = new String[1];
    Integer[] code = new Integer[1];
    String[] imageId = new String[1];
    ResultCallback.Adapter<BuildResponseItem> cb = new ResultCallback.Adapter<>() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public void onNext(BuildResponseItem item) {
        synchronized (log) {
          if (item.isErrorIndicated()) {
            error[0] = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage() : item.getError();
            code[0] = item.getErrorDetail() == null ? null : item.getErrorDetail().getCode();
          }
          if (item.isBuildSuccessIndicated() && item.getImageId() != null) imageId[0] = item.getImageId();
          if (item.getStream() != null) {
            partial.append(item.getStream());
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
              String line = partial.substring(0, nl);
              partial.delete(0, nl + 1);
              if (line.isBlank()) continue;
              log.add(line);
              progress.on(new Progress.Line(line));
              Matcher m = BUILT.matcher(line);
              if (m.find() && imageId[0] == null) imageId[0] = m.group(1);
            }
          }
        }
      }
    };
    InputStream tar = null;
    Path archive = null;
    try {
      BuildImageCmd cmd = clients.streaming().buildImageCmd().withRemove(true);
      // the first tag with the build; docker-java keeps t= parameters in a hash set, so the others follow in -t order
      if (!tags.isEmpty()) cmd.withTags(java.util.Set.of(tags.get(0)));
      if (options.dockerfile() != null) cmd.withDockerfilePath(options.dockerfile());
      options.buildArgs().forEach(cmd::withBuildArg);
      if (options.target() != null) cmd.withTarget(options.target());
      if (!options.labels().isEmpty()) cmd.withLabels(options.labels());
      if (options.noCache()) cmd.withNoCache(true);
      if (options.pull()) cmd.withPull(true);
      if (isTarball) {
        tar = Files.newInputStream(context); // the engine accepts gzip-compressed contexts as they are
      } else {
        // our own archive, not docker-java's: that one follows symbolic links out of the context
        archive = Files.createTempFile("berth-context-", ".tar");
        try (var out = Files.newOutputStream(archive)) {
          BuildContextArchive.write(context, options.dockerfile(), out);
        }
        tar = Files.newInputStream(archive);
      }
      cmd.withTarInputStream(tar);
      cmd.exec(cb);
      if (!DockerJavaEngine.awaitQuietly(cb, timeout)) {
        throw new EngineException(Failure.TIMEOUT, "Building " + (tag == null ? "the image" : tag) + " took longer than "
            + DockerJavaEngine.human(timeout));
      }
    } catch (IOException e) {
      throw new EngineException(Failure.INVALID, "cannot read build context " + context + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      EngineException ee = errors.translate(e);
      if (ee.kind() == Failure.INTERNAL) {
        // docker-java reports a bad context (no Dockerfile...) as a plain client exception
        throw new EngineException(Failure.INVALID, "build failed: " + DockerErrors.plain(e), e);
      }
      throw ee;
    } finally {
      DockerJavaEngine.closeQuietly(cb);
      if (tar != null) DockerJavaEngine.closeQuietly(tar);
      if (archive != null) deleteQuietly(archive);
    }
    synchronized (log) {
      // docker's CLI turns an error in the build stream into a StatusError: the message alone, exit status the
      // failed step's code (1 when the engine gives none)
      if (error[0] != null) {
        throw new EngineException(Failure.INVALID, error[0].trim(), code[0] == null || code[0] == 0 ? 1 : code[0]);
      }
      if (imageId[0] == null) throw new EngineException(Failure.INVALID, "build ended without an image id");
      for (String further : tags.subList(Math.min(1, tags.size()), tags.size())) {
        ImageRef to = named(further);
        String name = to.withDefaultTag();
        try {
          clients.ordinary().tagImageCmd(imageId[0], to.name(), to.tag() == null ? "latest" : to.tag()).withForce(true).exec();
        } catch (RuntimeException e) {
          throw errors.translate(e);
        }
        String line = "Successfully tagged " + name; // the engine's words for each t= it applies itself
        log.add(line);
        progress.on(new Progress.Line(line));
      }
      return new BuildOutput(fullId(imageId[0]), tags, log, options.quiet());
    }
  }

  /** The classic builder reports a short id ("Successfully built 0123456789ab"); docker build -q prints the full one. */
  private String fullId(String id) {
    if (id.startsWith("sha256:") && id.length() == 71) return id;
    try {
      return clients.ordinary().inspectImageCmd(id).exec().getId();
    } catch (RuntimeException e) {
      return id; // built, but not to be looked up now: the short id still names it
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file; the OS cleans up
    }
  }

  /**
   * {@code DELETE /images/NAME}: docker-java drops the response body, which holds docker's
   * Untagged:/Deleted: lines, so this one path is built here. docker-java escapes the segments it
   * builds (resolveTemplate, Guava's path-segment escaper); this does the same. Escaping alone is not
   * enough: dockerd decodes {@code %2F} and redirects a path with {@code ..} to its cleaned form
   * (which the client follows), so only a reference by docker's grammar may get here.
   */
  List<String> remove(String image, boolean force) {
    DockerJavaEngine.checked(image);
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.DELETE)
        .path("/images/" + pathSegment(image) + "?force=" + force)
        .build();
    try (DockerHttpClient.Response response = clients.http().execute(request)) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = response.getStatusCode();
      if (status / 100 != 2) {
        throw errors.fromStatus(status, DockerErrors.messageFromBody(body), null);
      }
      List<String> lines = new ArrayList<>();
      for (JsonNode n : EngineApi.json().readTree(body)) {
        if (n.hasNonNull("Untagged")) lines.add("Untagged: " + n.get("Untagged").asText());
        if (n.hasNonNull("Deleted")) lines.add("Deleted: " + n.get("Deleted").asText());
      }
      return lines;
    } catch (IOException e) {
      throw errors.unreachable(e, e);
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters, so the value stays one path segment. */
  static String pathSegment(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
