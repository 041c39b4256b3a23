package io.berth.core.adapter.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream whose only real read is the block one: the single-byte {@link #read()} goes through it, so a
 * stream that hands out chunks (a chunked body, a terminal's stdin) has one place that knows where it stands.
 */
abstract class BlockInputStream extends InputStream {
  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
