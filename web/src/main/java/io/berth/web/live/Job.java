package io.berth.web.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A long action (pull, build) running in the background; its page follows it over SSE. Messages
 * are kept (bounded) so a browser that connects late, or reconnects, sees everything; a
 * "replaceable" message (a progress bar) keeps only its latest version.
 */
public final class Job {
  private static final int MAX_HISTORY = 5000;

  private record Msg(String event, String html, boolean replaceable) {}

  private final String id;
  private final String owner;
  private final Instant created;
  private final List<Msg> history = new ArrayList<>();
  private final List<SseChannel> listeners = new CopyOnWriteArrayList<>();
  private boolean done;

  Job(String id, String owner, Instant created) {
    this.id = id;
    this.owner = owner;
    this.created = created;
  }

  public String id() {
    return id;
  }

  String owner() {
    return owner;
  }

  Instant created() {
    return created;
  }

  public synchronized boolean done() {
    return done;
  }

  public void emit(String event, String html, boolean replaceable) {
    synchronized (this) {
      if (replaceable && !history.isEmpty() && history.get(history.size() - 1).replaceable()
          && history.get(history.size() - 1).event().equals(event)) {
        history.set(history.size() - 1, new Msg(event, html, true));
      } else if (history.size() < MAX_HISTORY) {
        history.add(new Msg(event, html, replaceable));
      }
      if ("done".equals(event)) done = true;
      for (SseChannel ch : listeners) {
        if (!ch.send(event, html)) listeners.remove(ch);
      }
    }
  }

  /** Replays what happened so far, then streams the rest. */
  public synchronized void attach(SseChannel ch) {
    for (Msg m : history) {
      if (!ch.send(m.event(), m.html())) return;
    }
    listeners.add(ch);
  }

  public void detach(SseChannel ch) {
    listeners.remove(ch);
  }
}
