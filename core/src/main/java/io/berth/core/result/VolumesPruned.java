package io.berth.core.result;

import java.util.List;

/** What {@code volume prune} removed and the space it gave back. */
public record VolumesPruned(List<String> names, long reclaimedBytes) {
  public VolumesPruned {
    names = List.copyOf(names);
  }
}
