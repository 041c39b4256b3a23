package io.berth.web.testing;

import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A signed-in client's SSE stream, read as an EventSource would: one message (event name and data) at a time. */
public final class SseMessages implements AutoCloseable {
  /** One SSE message. */
  public record Message(String event, String data) {}

  private final BlockingQueue<Message> q = new LinkedBlockingQueue<>();
  private final HttpResponse<Stream<String>> response;

  public SseMessages(WebClient web, String path) throws Exception {
    response = web.http().send(web.request(path).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) throw new IllegalStateException(path + ": HTTP " + response.statusCode());
    Thread t = new Thread(() -> {
      String event = null;
      StringBuilder data = new StringBuilder();
      try {
        for (String line : (Iterable<String>) response.body()::iterator) {
          if (line.startsWith("event: ")) event = line.substring(7);
          else if (line.startsWith("data: ")) data.append(line, 6, line.length()).append('\n');
          else if (line.isEmpty() && event != null) {
            q.add(new Message(event, data.toString()));
            event = null;
            data.setLength(0);
          }
        }
      } catch (RuntimeException closed) {
        // stream closed by the test
      }
    }, "sse-messages");
    t.setDaemon(true);
    t.start();
  }

  /** The next message named {@code event} within 5 s (others are skipped), or an AssertionError. */
  public Message next(String event) throws InterruptedException {
    return next(event, 5);
  }

  /** As {@link #next(String)}, waiting up to {@code seconds}. */
  public Message next(String event, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Message m = q.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && m.event().equals(event)) return m;
    }
    throw new AssertionError("no " + event + " message");
  }

  /** Whatever arrives within {@code millis} ms, or null. */
  public Message poll(long millis) throws InterruptedException {
    return q.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    response.body().close();
  }
}
