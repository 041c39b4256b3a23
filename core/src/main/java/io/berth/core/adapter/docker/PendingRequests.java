package io.berth.core.adapter.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The streaming pool's transport, able to cancel a request the engine has not answered yet.
 *
 * <p>docker-java sends a streaming request on a thread of its own and hands out a handle
 * ({@code onStart}) only once the response headers arrive; until then closing the callback cannot
 * reach the request, and its pooled connection stays taken until the engine answers, which a loaded
 * or half-started engine may not do for a long time. A request sent {@link #sending under} a
 * {@link Sender} records its thread (docker-java creates it inside {@code exec}, so it inherits the
 * sender), and {@link Sender#cancel()} interrupts it: over a unix socket (a {@code SocketChannel})
 * the interrupt closes the connection at once. Over TCP an interrupt does not reach the socket; the
 * caller then closes the stream as soon as the engine answers ({@link StreamAttempt}).
 */
final class PendingRequests implements DockerHttpClient {
  private static final InheritableThreadLocal<Sender> SENDING = new InheritableThreadLocal<>();

  /** One request, from before it is sent until the engine answered it or it was cancelled. */
  static final class Sender {
    private Thread thread;
    private boolean answered;
    private boolean cancelled;

    private synchronized void sending(Thread t) {
      thread = t;
      if (cancelled) t.interrupt();
    }

    private synchronized void answered() {
      answered = true;
    }

    /** Cancels the request if the engine has not answered it yet; a no-op afterwards. */
    synchronized void cancel() {
      cancelled = true;
      if (thread != null && !answered) thread.interrupt();
    }
  }

  private final DockerHttpClient delegate;

  PendingRequests(DockerHttpClient delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code exec} (which starts a docker-java streaming request) so that {@code sender} can cancel it. */
  static <T> T sending(Sender sender, Supplier<T> exec) {
    SENDING.set(sender);
    try {
      return exec.get();
    } finally {
      SENDING.remove();
    }
  }

  @Override
  public Response execute(Request request) {
    Sender sender = SENDING.get();
    if (sender == null) return delegate.execute(request);
    SENDING.remove(); // on docker-java's request thread now: whatever it starts later is not this request
    sender.sending(Thread.currentThread());
    Response response = delegate.execute(request);
    sender.answered();
    return response;
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
