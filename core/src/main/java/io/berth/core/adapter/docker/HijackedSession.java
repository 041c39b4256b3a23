package io.berth.core.adapter.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.berth.core.engine.InteractiveProcess;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run -it} ({@link InteractiveAttach}) and {@code exec -it} ({@link InteractiveExec}) share: a process on
 * the engine's hijacked connection with our stdin, its exit, and the rules for what a person's keystrokes and window
 * size may do once it is closed. Only the engine call behind a resize and how each ends differ.
 */
abstract sealed class HijackedSession implements InteractiveProcess permits InteractiveAttach, InteractiveExec {
  private static final Logger log = LoggerFactory.getLogger(HijackedSession.class);
  /** A browser or terminal can claim any size; the engine passes it to the pty, so absurd ones stop here. */
  static final int MAX_SIDE = 10_000;

  protected final boolean tty;
  protected final Stdin stdin = new Stdin();
  protected final CompletableFuture<Integer> exit = new CompletableFuture<>();
  protected volatile boolean closed;

  HijackedSession(boolean tty) {
    this.tty = tty;
  }

  /**
   * The session's output frames as the engine sends them, each handed on as it comes: with a TTY one raw stream
   * (stdout); without one the engine's 8-byte headers say stdout or stderr (docker-java's frame reader reads them).
   */
  static class Frames extends ResultCallback.Adapter<Frame> {
    private final InteractiveProcess.Output output;

    Frames(InteractiveProcess.Output output) {
      this.output = output;
    }

    @Override
    public void onNext(Frame f) {
      byte[] payload = f.getPayload();
      if (payload == null || payload.length == 0) return;
      if (f.getStreamType() == StreamType.STDERR) output.stderr(payload);
      else output.stdout(payload);
    }
  }

  @Override
  public final void write(byte[] input) {
    if (!closed && input.length > 0) stdin.offer(input.clone());
  }

  @Override
  public final void closeInput() {
    if (!closed) stdin.finish();
  }

  @Override
  public final void resize(int cols, int rows) {
    if (!tty || closed || cols < 1 || rows < 1 || cols > MAX_SIDE || rows > MAX_SIDE) return;
    try {
      resizeOnEngine(cols, rows);
    } catch (RuntimeException e) {
      log.debug("resize of {} refused: {}", this, e.toString()); // it ended meanwhile
    }
  }

  /** The engine's resize call for this kind of session. */
  protected abstract void resizeOnEngine(int cols, int rows);

  @Override
  public final CompletableFuture<Integer> exit() {
    return exit;
  }

  /**
   * stdin as the transport reads it (one thread copies it to the connection, and at its end shuts the connection's
   * write side): blocks until the person types or pipes more, ends at {@link #finish} (after what came before it) or
   * at once when the session is closed ({@link #end}). Bounded: a writer waits while {@value #CHUNKS} chunks are not
   * taken yet, so piped megabytes are never held whole. Not a PipedInputStream: that one fails once the thread that
   * last wrote has ended (a web socket's pooled thread).
   */
  static final class Stdin extends BlockInputStream {
    static final int CHUNKS = 64;
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>(CHUNKS);
    private byte[] current;
    private int pos;
    private volatile boolean ended;

    /** Waits for room; gives up when the input ended meanwhile (closed, or the process gone). */
    void offer(byte[] b) {
      try {
        while (!ended) {
          if (chunks.offer(b, 100, TimeUnit.MILLISECONDS)) return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The end of the input, after everything offered before it. */
    void finish() {
      if (ended) return;
      offer(END);
      ended = true;
    }

    /** The end now: what was not taken yet is dropped. */
    void end() {
      ended = true;
      chunks.clear();
      chunks.offer(END);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      try {
        while (current == null || pos >= current.length) {
          if (current == END) return -1;
          current = chunks.take();
          pos = 0;
          if (current == END) return -1;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
