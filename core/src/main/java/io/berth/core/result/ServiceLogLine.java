package io.berth.core.result;

/**
 * A line of a Swarm service's log with the task that printed it and the node that task ran on (the engine's log
 * details), so {@code service logs} can prefix it as docker does; ids empty when the engine gave none.
 */
public record ServiceLogLine(String taskId, String nodeId, LogLine line) {}
