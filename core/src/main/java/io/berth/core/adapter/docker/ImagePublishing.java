package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.command.ImagePrune;
import io.berth.core.command.ImageRef;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** tag, push (with progress, like pull) and image prune. */
final class ImagePublishing {
  private final DockerClients clients;
  private final DockerErrors errors;
  private final EngineApi api;

  ImagePublishing(DockerClients clients, DockerErrors errors, EngineApi api) {
    this.clients = clients;
    this.errors = errors;
    this.api = api;
  }

  void tag(String source, String target) {
    DockerJavaEngine.checked(source);
    ImageRef to = named(target);
    try {
      clients.ordinary().tagImageCmd(source, to.name(), to.tag() == null ? "latest" : to.tag()).withForce(true).exec();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /** Pushes and returns docker's last line ({@code TAG: digest: sha256:… size: N}). */
  String push(String image, ProgressListener progress, Duration timeout) {
    ImageRef ref = named(image);
    if (ref.digest() != null) throw new EngineException(Failure.INVALID, "push " + image + ": push a tag, not a digest");
    String tag = ref.tag() == null ? "latest" : ref.tag();
    PushCallback cb = new PushCallback(progress);
    progress.on(new Progress.Line("The push refers to repository [" + ref.name() + "]"));
    try {
      clients.streaming().pushImageCmd(ref.name()).withTag(tag).exec(cb);
      if (!DockerJavaEngine.awaitQuietly(cb, timeout)) {
        throw new EngineException(Failure.TIMEOUT, "Pushing " + ref + " took longer than " + DockerJavaEngine.human(timeout));
      }
    } catch (RuntimeException e) {
      EngineException ee = errors.translate(e);
      throw cb.error != null ? new EngineException(kind(cb.error), cb.error, e) : ee;
    } finally {
      DockerJavaEngine.closeQuietly(cb);
    }
    if (cb.error != null) throw new EngineException(kind(cb.error), cb.error);
    return cb.digestLine == null ? tag + ": pushed" : cb.digestLine;
  }

  private static Failure kind(String message) {
    return message.contains("does not exist") || message.contains("No such image") ? Failure.NOT_FOUND : Failure.INVALID;
  }

  /** Forwards push records as progress; remembers the digest line or the error. */
  private static final class PushCallback extends ResultCallback.Adapter<PushResponseItem> {
    private final ProgressListener progress;
    volatile String digestLine;
    volatile String error;

    PushCallback(ProgressListener progress) {
      this.progress = progress;
    }

    @Override
    public void onNext(PushResponseItem item) {
      if (item.isErrorIndicated()) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
        return;
      }
      String status = item.getStatus();
      if (status == null || status.startsWith("The push refers to")) return;
      if (status.contains("digest: ")) {
        digestLine = status;
        return;
      }
      if (item.getId() != null) {
        var d = item.getProgressDetail();
        progress.on(new Progress.Layer(item.getId(), status, d == null ? null : d.getCurrent(), d == null ? null : d.getTotal()));
      } else {
        progress.on(new Progress.Line(status));
      }
    }
  }

  /** {@code POST /images/prune}: docker-java drops the list of what was deleted, so the call is made here. */
  ImagePrune.Pruned prune(boolean all, Map<String, List<String>> filters) {
    Map<String, List<String>> f = new LinkedHashMap<>(filters);
    f.put("dangling", List.of(all ? "false" : "true"));
    JsonNode r = api.json(DockerHttpClient.Request.Method.POST, "/images/prune?filters=" + EngineApi.filters(f));
    List<String> lines = new ArrayList<>();
    for (JsonNode n : r.path("ImagesDeleted")) {
      if (n.hasNonNull("Untagged")) lines.add("untagged: " + n.get("Untagged").asText());
      if (n.hasNonNull("Deleted")) lines.add("deleted: " + n.get("Deleted").asText());
    }
    return new ImagePrune.Pruned(lines, r.path("SpaceReclaimed").asLong(0));
  }

  private static ImageRef named(String image) {
    try {
      return ImageRef.parse(image);
    } catch (ImageRef.InvalidReference e) {
      throw new EngineException(Failure.INVALID, e.getMessage());
    }
  }
}
