package io.berth.web.testing;

import io.berth.core.model.Caller;
import io.berth.core.result.Outcome;
import io.berth.web.terminal.TerminalGateway;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Terminals for the console's socket tests: each session echoes its input back (as a TTY in cooked
 * mode would), records resizes and whether it was closed. {@link #confirmFirst} makes the first open
 * of a request answer {@link Outcome.ConfirmationRequired}, as the core does for exec by default.
 * Recordings are what a test puts in.
 */
public final class EchoTerminals implements TerminalGateway {
  public final List<Opened> opened = new CopyOnWriteArrayList<>();
  public final Map<String, Recording> recordings = new ConcurrentHashMap<>();
  public volatile boolean confirmFirst;
  public static final String TOKEN = "tok-123";

  /** One open: what was asked and what the session saw. */
  public record Opened(Caller caller, Request request, Echo session) {}

  @Override
  public Opening open(Caller caller, Request request, String confirmation, Consumer<byte[]> output) {
    if (confirmFirst && !TOKEN.equals(confirmation)) {
      return new Opening.Refused(new Outcome.ConfirmationRequired("req-1", TOKEN,
          "Open a shell in " + request.container() + "?", Instant.now().plusSeconds(60)));
    }
    Echo e = new Echo("s" + (opened.size() + 1), output);
    opened.add(new Opened(caller, request, e));
    output.accept(("$ ").getBytes(StandardCharsets.UTF_8));
    return new Opening.Opened(e);
  }

  @Override
  public Optional<Recording> recording(Caller caller, String sessionId) {
    return Optional.ofNullable(recordings.get(sessionId));
  }

  /** A session that echoes; "exit\r" ends it with code 3. */
  public static final class Echo implements Session {
    private final String id;
    private final Consumer<byte[]> output;
    public final List<String> resizes = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> exit = new CompletableFuture<>();
    public volatile boolean closed;

    Echo(String id, Consumer<byte[]> output) {
      this.id = id;
      this.output = output;
    }

    @Override
    public void write(byte[] input) {
      output.accept(input);
      if (new String(input, StandardCharsets.UTF_8).equals("exit\r")) exit.complete(3);
    }

    @Override
    public void resize(int cols, int rows) {
      resizes.add(cols + "x" + rows);
    }

    @Override
    public CompletableFuture<Integer> exit() {
      return exit;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void close() {
      closed = true;
      exit.complete(-1);
    }
  }
}
