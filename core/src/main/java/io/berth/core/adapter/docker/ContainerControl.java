package io.berth.core.adapter.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.berth.core.command.Port;
import io.berth.core.command.Top;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Container calls of pause, unpause, top, port, rename and prune's size. */
final class ContainerControl {
  private final DockerClients clients;
  private final DockerErrors errors;

  ContainerControl(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  void pause(String id) {
    run(() -> clients.ordinary().pauseContainerCmd(DockerJavaEngine.checkedContainer(id)).exec());
  }

  void unpause(String id) {
    run(() -> clients.ordinary().unpauseContainerCmd(DockerJavaEngine.checkedContainer(id)).exec());
  }

  Top.Processes top(String id, List<String> psArgs) {
    var cmd = clients.ordinary().topContainerCmd(DockerJavaEngine.checkedContainer(id));
    if (!psArgs.isEmpty()) cmd.withPsArgs(String.join(" ", psArgs));
    TopContainerResponse r = call(cmd::exec);
    List<String> titles = r.getTitles() == null ? List.of() : List.of(r.getTitles());
    List<List<String>> rows = r.getProcesses() == null ? List.of()
        : Arrays.stream(r.getProcesses()).map(p -> Arrays.asList(p)).map(List::copyOf).toList();
    return new Top.Processes(titles, rows);
  }

  List<Port.Mapping> ports(String id) {
    InspectContainerResponse r = call(() -> clients.ordinary().inspectContainerCmd(DockerJavaEngine.checkedContainer(id)).exec());
    List<Port.Mapping> out = new ArrayList<>();
    if (r.getNetworkSettings() == null || r.getNetworkSettings().getPorts() == null) return out;
    for (Map.Entry<ExposedPort, Ports.Binding[]> e : r.getNetworkSettings().getPorts().getBindings().entrySet()) {
      if (e.getValue() == null) continue; // exposed, not published
      for (Ports.Binding b : e.getValue()) {
        out.add(new Port.Mapping(e.getKey().getPort(), e.getKey().getProtocol().toString(), b.getHostIp(), b.getHostPortSpec()));
      }
    }
    return out;
  }

  void rename(String id, String newName) {
    run(() -> clients.ordinary().renameContainerCmd(DockerJavaEngine.checkedContainer(id)).withName(newName).exec());
  }

  long writableSize(String id) {
    InspectContainerResponse r = call(() -> clients.ordinary().inspectContainerCmd(DockerJavaEngine.checkedContainer(id))
        .withSize(true).exec());
    return r.getSizeRw() == null ? 0 : r.getSizeRw();
  }

  private void run(Runnable body) {
    call(() -> {
      body.run();
      return null;
    });
  }

  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }
}
