package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.core.command.SystemDf;
import java.util.List;

/** {@code GET /system/df}, summed the way the docker CLI's {@code system df} table sums it. */
final class DiskUsage {
  private final EngineApi api;

  DiskUsage(EngineApi api) {
    this.api = api;
  }

  SystemDf.Usage read() {
    return summary(api.json(DockerHttpClient.Request.Method.GET, "/system/df"));
  }

  static SystemDf.Usage summary(JsonNode df) {
    // images: reclaimable = all layers minus what images in use hold beyond shared layers
    long layers = df.path("LayersSize").asLong(0);
    int images = 0;
    int activeImages = 0;
    long used = 0;
    for (JsonNode i : df.path("Images")) {
      images++;
      if (i.path("Containers").asLong(0) > 0) {
        activeImages++;
        long virtual = i.path("VirtualSize").asLong(i.path("Size").asLong(0));
        long shared = i.path("SharedSize").asLong(0);
        if (virtual != -1 && shared != -1) used += virtual - shared;
      }
    }
    int containers = 0;
    int activeContainers = 0;
    long containerSize = 0;
    long containerReclaimable = 0;
    for (JsonNode c : df.path("Containers")) {
      containers++;
      String state = c.path("State").asText("");
      long size = c.path("SizeRw").asLong(0);
      containerSize += size;
      if (state.contains("running") || state.contains("paused") || state.contains("restarting")) activeContainers++;
      else containerReclaimable += size;
    }
    int volumes = 0;
    int activeVolumes = 0;
    long volumeSize = 0;
    long volumeReclaimable = 0;
    for (JsonNode v : df.path("Volumes")) {
      volumes++;
      long size = v.path("UsageData").path("Size").asLong(-1);
      boolean active = v.path("UsageData").path("RefCount").asLong(0) > 0;
      if (active) activeVolumes++;
      if (size > 0) {
        volumeSize += size;
        if (!active) volumeReclaimable += size;
      }
    }
    int caches = 0;
    int activeCaches = 0;
    long cacheSize = 0;
    long cacheReclaimable = 0;
    for (JsonNode b : df.path("BuildCache")) {
      caches++;
      boolean inUse = b.path("InUse").asBoolean(false);
      if (inUse) activeCaches++;
      long size = b.path("Size").asLong(0);
      if (!b.path("Shared").asBoolean(false)) cacheSize += size;
      if (!inUse) cacheReclaimable += size;
    }
    return new SystemDf.Usage(List.of(
        new SystemDf.Row("Images", images, activeImages, layers, Math.max(0, layers - used), true),
        new SystemDf.Row("Containers", containers, activeContainers, containerSize, containerReclaimable, true),
        new SystemDf.Row("Local Volumes", volumes, activeVolumes, volumeSize, volumeReclaimable, true),
        new SystemDf.Row("Build Cache", caches, activeCaches, cacheSize, cacheReclaimable, false)));
  }
}
