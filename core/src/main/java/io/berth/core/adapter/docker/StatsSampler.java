package io.berth.core.adapter.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import io.berth.core.result.StatsSnapshot;
import java.time.Duration;
import java.util.function.Supplier;

/** One-shot {@code docker stats --no-stream}: the engine samples twice so CPU % has a previous reading. */
final class StatsSampler {
  private final DockerClients clients;
  private final DockerErrors errors;

  StatsSampler(DockerClients clients, DockerErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  StatsSnapshot sample(String id, String name) {
    final Statistics[] got = new Statistics[1];
    ResultCallback.Adapter<Statistics> capture = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Statistics s) {
        synchronized (got) {
          if (got[0] == null) got[0] = s;
        }
      }
    };
    PendingRequests.Sender sender = new PendingRequests.Sender();
    call(() -> PendingRequests.sending(sender, () -> clients.streaming().statsCmd(id).withNoStream(true).exec(capture)));
    try {
      if (!call(() -> DockerJavaEngine.awaitQuietly(capture, Duration.ofSeconds(30)))) {
        throw new EngineException(Failure.TIMEOUT, "stats for " + name + " did not arrive within 30s");
      }
    } finally {
      sender.cancel(); // a sample the engine never started must not keep its connection
      DockerJavaEngine.closeQuietly(capture);
    }
    Statistics s;
    synchronized (got) {
      s = got[0];
    }
    if (s == null) throw new EngineException(Failure.INVALID, "the engine sent no stats for " + name);
    long usage = 0;
    long limit = 0;
    if (s.getMemoryStats() != null) {
      usage = s.getMemoryStats().getUsage() == null ? 0 : s.getMemoryStats().getUsage();
      limit = s.getMemoryStats().getLimit() == null ? 0 : s.getMemoryStats().getLimit();
      var detail = s.getMemoryStats().getStats();
      if (detail != null) {
        // as docker stats does: cgroup v1 subtracts cache, v2 subtracts inactive_file
        Long cache = detail.getCache() != null ? detail.getCache() : detail.getInactiveFile();
        if (cache != null && cache < usage) usage -= cache;
      }
    }
    int pids = s.getPidsStats() == null || s.getPidsStats().getCurrent() == null ? 0 : s.getPidsStats().getCurrent().intValue();
    long[] net = network(s);
    long[] block = blockIo(s);
    return new StatsSnapshot(id, name, CpuPercent.of(s), usage, limit, pids, net[0], net[1], block[0], block[1]);
  }

  /** Bytes received and sent, summed over the container's networks (docker's calculateNetwork). */
  static long[] network(Statistics s) {
    long rx = 0;
    long tx = 0;
    if (s.getNetworks() != null) {
      for (var n : s.getNetworks().values()) {
        rx += n.getRxBytes() == null ? 0 : n.getRxBytes();
        tx += n.getTxBytes() == null ? 0 : n.getTxBytes();
      }
    }
    return new long[] {rx, tx};
  }

  /** Bytes read and written, summed over devices (docker's calculateBlockIO: ops "read"/"write", any case). */
  static long[] blockIo(Statistics s) {
    long read = 0;
    long write = 0;
    if (s.getBlkioStats() != null && s.getBlkioStats().getIoServiceBytesRecursive() != null) {
      for (var e : s.getBlkioStats().getIoServiceBytesRecursive()) {
        if (e.getOp() == null || e.getValue() == null) continue;
        switch (e.getOp().toLowerCase(java.util.Locale.ROOT)) {
          case "read" -> read += e.getValue();
          case "write" -> write += e.getValue();
          default -> { }
        }
      }
    }
    return new long[] {read, write};
  }

  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }
}
