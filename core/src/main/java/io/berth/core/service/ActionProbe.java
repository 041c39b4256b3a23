package io.berth.core.service;

import io.berth.core.audit.AuditFilter;
import io.berth.core.command.AuditQuery;
import io.berth.core.command.Build;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Help;
import io.berth.core.command.Images;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Pull;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Rmi;
import io.berth.core.command.Run;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;
import java.util.List;
import java.util.Optional;

/** A representative request for an action name, to ask the policy whether a control may be shown. */
final class ActionProbe {
  private ActionProbe() {}

  static Optional<DockerRequest> of(String action) {
    DockerRequest r = switch (action) {
      case "ps" -> Ps.running();
      case "run" -> Run.of("probe");
      case "start" -> new Start("");
      case "stop" -> new Stop("", null);
      case "restart" -> new Restart("", null);
      case "rm" -> new Rm("", false, false);
      case "logs" -> new Logs("", 0, null, false);
      case "exec" -> new Exec("", List.of("true"), List.of(), null);
      case "build" -> new Build("probe:latest", new Build.Directory("."));
      case "pull" -> new Pull("probe");
      case "inspect" -> new Inspect("");
      case "images" -> new Images(false);
      case "stats" -> new Stats("");
      case "rmi" -> new Rmi("probe", false);
      case "help" -> new Help(null);
      case "audit" -> new AuditQuery(AuditFilter.ALL, 1);
      default -> null;
    };
    return Optional.ofNullable(r);
  }
}
