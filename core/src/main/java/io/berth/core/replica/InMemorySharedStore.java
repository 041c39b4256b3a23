package io.berth.core.replica;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The shared store of a Berth that runs alone: a map, bounded (the oldest entry is forgotten first,
 * so a flood of deliveries cannot grow it without end) and expiring. A restart forgets it.
 */
public final class InMemorySharedStore implements SharedStore {
  private record Entry(String value, Instant expires) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final int capacity;
  private final Clock clock;

  public InMemorySharedStore(int capacity, Clock clock) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
    this.capacity = capacity;
    this.clock = clock;
  }

  @Override
  public synchronized boolean putIfAbsent(String space, String key, String value, Instant expires) {
    Instant now = clock.instant();
    entries.values().removeIf(e -> !e.expires().isAfter(now));
    String k = space + '\n' + key;
    if (entries.containsKey(k)) return false;
    entries.put(k, new Entry(value, expires));
    while (entries.size() > capacity) {
      Iterator<String> it = entries.keySet().iterator();
      it.next();
      it.remove();
    }
    return true;
  }

  @Override
  public synchronized Optional<String> get(String space, String key) {
    Entry e = live(space, key);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  @Override
  public synchronized boolean touch(String space, String key, Instant expires) {
    Entry e = live(space, key);
    if (e == null) return false;
    entries.put(space + '\n' + key, new Entry(e.value(), expires));
    return true;
  }

  @Override
  public synchronized boolean replace(String space, String key, String expected, String value, Instant expires) {
    Entry e = live(space, key);
    if (e == null || !e.value().equals(expected)) return false;
    entries.put(space + '\n' + key, new Entry(value, expires));
    return true;
  }

  @Override
  public synchronized Map<String, String> entries(String space) {
    Map<String, String> out = new TreeMap<>();
    String prefix = space + '\n';
    Instant now = clock.instant();
    entries.forEach((k, e) -> {
      if (k.startsWith(prefix) && e.expires().isAfter(now)) out.put(k.substring(prefix.length()), e.value());
    });
    return out;
  }

  @Override
  public synchronized boolean remove(String space, String key) {
    return live(space, key) != null && entries.remove(space + '\n' + key) != null;
  }

  synchronized int size() {
    return entries.size();
  }

  private Entry live(String space, String key) {
    Entry e = entries.get(space + '\n' + key);
    if (e != null && !e.expires().isAfter(clock.instant())) {
      entries.remove(space + '\n' + key);
      return null;
    }
    return e;
  }
}
