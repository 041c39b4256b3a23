package io.berth.core.result;

import java.time.Instant;
import java.util.Map;

/**
 * One row of a Swarm listing as data (the console's services, nodes and tasks tables), next to the docker text the
 * CLI and chat print ({@link SwarmListing}). Fields hold what docker's table shows, before any truncation.
 */
public sealed interface SwarmRow permits SwarmRow.ServiceRow, SwarmRow.NodeRow, SwarmRow.TaskRow {
  String id();

  /**
   * A service: {@code mode} as docker names it (replicated, global …), {@code running}/{@code desired} from the
   * engine's service status, {@code updatedAt} its last change (null when the engine gave none).
   */
  record ServiceRow(String id, String name, String mode, long running, long desired, String image, String ports,
      Instant updatedAt, Map<String, String> labels) implements SwarmRow {
    public ServiceRow {
      labels = Map.copyOf(labels);
    }

    /** docker's REPLICAS column. */
    public String replicas() {
      return running + "/" + desired;
    }
  }

  /** A node: {@code self} when it is the engine Berth talks to (docker's {@code *}). */
  record NodeRow(String id, String hostname, String status, String availability, String managerStatus,
      String engineVersion, boolean self) implements SwarmRow {}

  /** A task of a service: {@code name} is docker's {@code SERVICE.SLOT} (or {@code SERVICE.NODEID} when global). */
  record TaskRow(String id, String name, String node, String desiredState, String state, String error, Instant since,
      String image) implements SwarmRow {}
}
