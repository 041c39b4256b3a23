package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Event;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One docker-java stream request against a stand-in engine on a unix socket, watching Berth's side
 * of each connection. A request the engine never answers (a half-started or overloaded daemon)
 * must not keep its connection once given up (before, it held its socket until the engine
 * answered); and waiting for a stream to start or end must not end it (docker-java's
 * {@code awaitCompletion(timeout)} closes the callback, which ended every slow start and every open
 * stream at its first liveness check).
 */
class StreamAttemptTest {
  @TempDir Path dir;

  @Test
  void closingAStreamTheEngineHasNotAnsweredClosesItsConnectionAtOnce() throws Exception {
    Path socket = dir.resolve("silent.sock");
    List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread acceptor = new Thread(() -> {
        try {
          while (true) accepted.add(server.accept()); // never answers
        } catch (Exception closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      try (DockerClients clients = new DockerClients("unix://" + socket)) {
        DockerErrors errors = new DockerErrors("silent", clients.host());
        List<StreamAttempt<Event>> attempts = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
          StreamAttempt<Event> a = new StreamAttempt<>(e -> { }, errors);
          attempts.add(a.send(() -> clients.streaming().eventsCmd().exec(a)));
        }
        waitFor(() -> accepted.size() == 5 && requestArrivedOnAll(accepted));
        for (StreamAttempt<Event> a : attempts) assertThat(a.awaitStarted(Duration.ofMillis(100))).isFalse();

        attempts.forEach(StreamAttempt::close);
        waitFor(() -> accepted.stream().allMatch(StreamAttemptTest::closedByPeer));
      } finally {
        for (SocketChannel c : accepted) c.close();
      }
    }
  }

  @Test
  void waitingForAStreamToStartOrToEndDoesNotEndIt() throws Exception {
    Path socket = dir.resolve("slow.sock");
    List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread engine = new Thread(() -> {
        try {
          SocketChannel c = server.accept();
          accepted.add(c);
          c.read(ByteBuffer.allocate(8192));
          Thread.sleep(500); // a loaded engine: slower than one 50 ms poll
          c.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (Exception closed) {
          // test over
        }
      });
      engine.setDaemon(true);
      engine.start();
      try (DockerClients clients = new DockerClients("unix://" + socket)) {
        StreamAttempt<Event> a = new StreamAttempt<>(e -> { }, new DockerErrors("slow", clients.host()));
        a.send(() -> clients.streaming().eventsCmd().exec(a));
        assertThat(a.awaitStarted(Duration.ofMillis(100))).isFalse();
        assertThat(a.awaitStarted(Duration.ofSeconds(10))).as("started once the engine answered").isTrue();
        assertThat(a.awaitEnded(Duration.ofMillis(300))).as("a quiet stream is still open").isFalse();
        Thread.sleep(200);
        assertThat(closedByPeer(accepted.get(0))).as("Berth kept the connection").isFalse();
        a.close();
        waitFor(() -> closedByPeer(accepted.get(0)));
      } finally {
        for (SocketChannel c : accepted) c.close();
      }
    }
  }

  private static boolean requestArrivedOnAll(List<SocketChannel> accepted) {
    return accepted.stream().allMatch(c -> {
      try {
        c.configureBlocking(false);
        return true;
      } catch (Exception e) {
        return false;
      }
    });
  }

  /** True once the peer closed: reading what is left (the request) ends with end-of-stream. */
  private static boolean closedByPeer(SocketChannel c) {
    try {
      c.configureBlocking(false);
      ByteBuffer buf = ByteBuffer.allocate(8192);
      int n;
      while ((n = c.read(buf)) > 0) buf.clear();
      return n < 0;
    } catch (Exception reset) {
      return true;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
  }
}
