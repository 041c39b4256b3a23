package io.berth.web.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Wraps a lone uploaded Dockerfile into a one-entry tar, the form Docker's build API takes. */
final class TarWrapper {
  private TarWrapper() {}

  static void writeSingleFile(String name, byte[] content, OutputStream out) throws IOException {
    byte[] header = new byte[512];
    put(header, 0, name, 100);
    put(header, 100, "0000644", 8);
    put(header, 108, "0000000", 8);
    put(header, 116, "0000000", 8);
    put(header, 124, String.format("%011o", content.length), 12);
    put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000), 12);
    for (int i = 148; i < 156; i++) header[i] = ' ';
    header[156] = '0';
    put(header, 257, "ustar", 6);
    put(header, 263, "00", 2);
    long sum = 0;
    for (byte b : header) sum += b & 0xff;
    put(header, 148, String.format("%06o", sum), 7);
    header[155] = ' ';
    out.write(header);
    out.write(content);
    int pad = (512 - content.length % 512) % 512;
    out.write(new byte[pad]);
    out.write(new byte[1024]); // two zero blocks end the archive
  }

  /** Spools an upload: a tar (optionally gzipped) as it is, anything else as the Dockerfile. */
  static Path spool(String filename, InputStream in, long maxBytes) throws IOException {
    Path tmp = Files.createTempFile("berth-build-", ".tar");
    String lower = filename == null ? "" : filename.toLowerCase(java.util.Locale.ROOT);
    boolean tar = lower.endsWith(".tar") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      if (tar) {
        long n = in.transferTo(out);
        if (n > maxBytes) throw new IOException("upload larger than " + maxBytes + " bytes");
      } else {
        byte[] content = in.readNBytes((int) Math.min(maxBytes, 1 << 20) + 1);
        if (content.length > (1 << 20)) throw new IOException("a Dockerfile larger than 1 MiB? Upload a context tar instead");
        writeSingleFile("Dockerfile", content, out);
      }
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  private static void put(byte[] h, int off, String s, int len) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len));
  }
}
