package io.berth.core.result;

/** Something that happened while a long command (pull, build, run's pull) was under way. */
public sealed interface Progress permits Progress.Layer, Progress.Line {

  /** A pull progress record for one layer: current/total bytes are null when unknown. */
  record Layer(String layerId, String status, Long current, Long total) implements Progress {}

  /** One line of build output or a status message ("Pulling from ...", "Status: ..."). */
  record Line(String text) implements Progress {}
}
