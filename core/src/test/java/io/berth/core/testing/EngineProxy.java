package io.berth.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP front for the local Docker socket on 127.0.0.1, so tests can cut every connection (as a
 * daemon restart does) or make the engine unreachable, without touching the real dockerd.
 */
public final class EngineProxy implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  public EngineProxy(Path dockerSocket) throws IOException {
    this.socket = dockerSocket;
    this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    this.acceptor = new Thread(this::acceptLoop, "engine-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code tcp://127.0.0.1:PORT}: give this to DockerJavaEngine as the host. */
  public String host() {
    try {
      return "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closes every proxied connection, as a daemon restart would; new connections still work. */
  public void cutConnections() {
    for (SocketChannel c : open) closeQuietly(c);
    open.clear();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
        upstream.connect(UnixDomainSocketAddress.of(socket));
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    Thread t = new Thread(() -> {
      ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
      try {
        while (from.read(buf) >= 0) {
          buf.flip();
          while (buf.hasRemaining()) to.write(buf);
          buf.clear();
        }
      } catch (IOException e) {
        // connection cut
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "engine-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    cutConnections();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
