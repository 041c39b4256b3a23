package io.berth.web.live;

import io.berth.core.result.ContainerEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent Docker events per container, kept in memory because the engine keeps little history:
 * at most {@code perContainer} events for each of the last {@code containers} containers seen.
 */
public final class EventRing {
  private final int perContainer;
  private final Map<String, Deque<ContainerEvent>> byId;

  public EventRing(int containers, int perContainer) {
    this.perContainer = perContainer;
    this.byId = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Deque<ContainerEvent>> eldest) {
        return size() > containers;
      }
    };
  }

  public synchronized void add(ContainerEvent e) {
    Deque<ContainerEvent> d = byId.computeIfAbsent(e.containerId(), k -> new ArrayDeque<>());
    d.addLast(e);
    while (d.size() > perContainer) d.removeFirst();
  }

  /** Oldest first. */
  public synchronized List<ContainerEvent> of(String containerId) {
    Deque<ContainerEvent> d = byId.get(containerId);
    return d == null ? List.of() : new ArrayList<>(d);
  }
}
