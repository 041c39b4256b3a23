package io.berth.core.service;

import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;

/** Rewrites a container request to name the container by its resolved id. */
final class TargetPinning {
  private TargetPinning() {}

  static DockerRequest pin(DockerRequest r, String id) {
    if (r instanceof Start s) return new Start(id);
    if (r instanceof Stop s) return new Stop(id, s.timeoutSeconds());
    if (r instanceof Restart s) return new Restart(id, s.timeoutSeconds());
    if (r instanceof Rm s) return new Rm(id, s.force(), s.volumes());
    if (r instanceof Logs s) return new Logs(id, s.tail(), s.since(), s.timestamps());
    if (r instanceof Exec s) return new Exec(id, s.command(), s.env(), s.workdir());
    if (r instanceof Inspect s) return new Inspect(id);
    if (r instanceof Stats s) return new Stats(id);
    return r;
  }
}
