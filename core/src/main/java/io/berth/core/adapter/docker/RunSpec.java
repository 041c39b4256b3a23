package io.berth.core.adapter.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.berth.core.command.Run;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a {@link Run} request onto a create-container call. The policy has already refused what it
 * must (binds, privileges); this class only translates.
 */
final class RunSpec {
  private RunSpec() {}

  static CreateContainerCmd apply(Run run, CreateContainerCmd cmd) {
    if (run.name() != null && !run.name().isBlank()) cmd.withName(run.name());
    if (!run.command().isEmpty()) cmd.withCmd(run.command());
    cmd.withEnv(run.env().stream().map(e -> e.key() + "=" + e.value()).toList());
    cmd.withLabels(run.labels());

    HostConfig host = HostConfig.newHostConfig();
    Ports bindings = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    for (Run.PortBinding p : run.ports()) {
      ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
      exposed.add(port);
      String hostPort = p.hostPort() == null || p.hostPort() == 0 ? null : String.valueOf(p.hostPort());
      bindings.bind(port, new Ports.Binding(p.hostIp(), hostPort)); // null host port: engine picks one
    }
    if (!exposed.isEmpty()) {
      cmd.withExposedPorts(exposed);
      host.withPortBindings(bindings);
    }
    List<Bind> binds = run.volumes().stream()
        .map(v -> new Bind(v.source(), new Volume(v.containerPath()), v.readOnly() ? AccessMode.ro : AccessMode.rw))
        .toList();
    if (!binds.isEmpty()) host.withBinds(binds);
    host.withRestartPolicy(restartPolicy(run.restartPolicy()));
    // --rm is the engine's own auto-remove, as with docker: attached runs read their output through the attach
    // stream, not the log, so the container may go as soon as it exits, even after Berth stopped waiting.
    if (run.autoRemove()) host.withAutoRemove(true);

    Run.HostAccess access = run.hostAccess();
    if (access.privileged()) host.withPrivileged(true);
    if (access.network() != null) host.withNetworkMode(access.network());
    if (access.pid() != null) host.withPidMode(access.pid());
    if (access.ipc() != null) host.withIpcMode(access.ipc());
    if (!access.capAdd().isEmpty()) host.withCapAdd(access.capAdd().stream().map(RunSpec::capability).toArray(Capability[]::new));
    if (!access.devices().isEmpty()) host.withDevices(access.devices().stream().map(RunSpec::device).toList());

    Run.Settings s = run.settings();
    if (s.workdir() != null) cmd.withWorkingDir(s.workdir());
    if (s.user() != null) cmd.withUser(s.user());
    // docker: --entrypoint "" resets the image's entrypoint; any other value is one word, not split
    if (s.entrypoint() != null) cmd.withEntrypoint(List.of(s.entrypoint()));
    if (s.memory() != null) host.withMemory(s.memory());
    if (s.memorySwap() != null) host.withMemorySwap(s.memorySwap());
    if (s.nanoCpus() != null) host.withNanoCPUs(s.nanoCpus());
    if (s.health().given()) cmd.withHealthcheck(healthCheck(s.health()));
    // as docker's CLI creates them: -t a TTY; -i stdin open, and attached (not -d) stdin attached, closed after
    // the one attach (StdinOnce), so the container sees end-of-input when the session's connection goes
    if (s.tty()) cmd.withTty(true);
    if (s.interactive()) {
      cmd.withStdinOpen(true);
      if (!run.detach()) cmd.withAttachStdin(true).withStdInOnce(true);
    }
    return cmd.withHostConfig(host);
  }

  /** docker's mapping: --health-cmd is CMD-SHELL, --no-healthcheck is NONE, durations in nanoseconds. */
  static HealthCheck healthCheck(Run.Health h) {
    HealthCheck c = new HealthCheck();
    if (h.disabled()) return c.withTest(List.of("NONE"));
    if (h.cmd() != null) c.withTest(List.of("CMD-SHELL", h.cmd()));
    if (h.interval() != null) c.withInterval(h.interval().toNanos());
    if (h.timeout() != null) c.withTimeout(h.timeout().toNanos());
    if (h.startPeriod() != null) c.withStartPeriod(h.startPeriod().toNanos());
    if (h.retries() != null) c.withRetries(h.retries());
    return c;
  }

  /** {@code no | always | unless-stopped | on-failure[:N]}. */
  static RestartPolicy restartPolicy(String given) {
    try {
      return RestartPolicy.parse(given);
    } catch (IllegalArgumentException e) {
      throw new EngineException(Failure.INVALID,
          "invalid restart policy \"" + given + "\" (use no, always, unless-stopped or on-failure[:N])");
    }
  }

  private static Capability capability(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.startsWith("CAP_")) n = n.substring(4);
    try {
      return Capability.valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new EngineException(Failure.INVALID, "unknown capability \"" + name + "\"");
    }
  }

  private static Device device(String spec) {
    String full = spec.contains(":") ? spec : spec + ":" + spec;
    try {
      return Device.parse(full.split(":").length == 2 ? full + ":rwm" : full);
    } catch (RuntimeException e) {
      throw new EngineException(Failure.INVALID, "invalid device \"" + spec + "\" (use HOST[:CONTAINER[:rwm]])");
    }
  }
}
