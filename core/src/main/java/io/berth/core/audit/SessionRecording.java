package io.berth.core.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One interactive session written as it happens in asciicast v2 (docs/terminal.md): a header line, then one JSON
 * array per event, {@code [seconds, "o"|"i"|"r"|"m", text]}. The file stops growing at its cap: one last output
 * event says so on replay (and a marker event marks it), so a cut recording never passes for a whole one.
 * Everything else is counted whatever the cap: bytes in and out, and what was typed (for audit search).
 */
public final class SessionRecording implements AutoCloseable {
  /** What was typed, kept for the audit record's searchable text; the rest is in the recording. */
  static final int TYPED_KEPT = 4096;

  private final Path file;
  private final OutputStream out;
  private final long cap;
  private final long startNanos;
  private final Utf8 outText = new Utf8();
  private final Utf8 inText = new Utf8();
  private final StringBuilder typed = new StringBuilder();
  private long written;
  private long bytesIn;
  private long bytesOut;
  private boolean capped;
  private boolean closed;
  // (final fields above are null for an unrecorded session)

  /** A session a policy rule leaves unrecorded: only its byte counts are kept, neither its events nor what was typed. */
  public static SessionRecording off() {
    return new SessionRecording();
  }

  private SessionRecording() {
    this.file = null;
    this.out = null;
    this.cap = 0;
    this.startNanos = System.nanoTime();
    this.closed = true;
  }

  /** False for a session left unrecorded ({@link #off}). */
  public boolean recorded() {
    return file != null;
  }

  SessionRecording(Path file, long cap, int cols, int rows, long epochSeconds, Map<String, String> env) {
    this.file = file;
    this.cap = cap;
    this.startNanos = System.nanoTime();
    try {
      this.out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the session recording " + file, e);
    }
    StringBuilder h = new StringBuilder("{\"version\": 2, \"width\": ").append(cols).append(", \"height\": ").append(rows)
        .append(", \"timestamp\": ").append(epochSeconds).append(", \"env\": {");
    String sep = "";
    for (var e : new java.util.TreeMap<>(env).entrySet()) {
      h.append(sep).append(json(e.getKey())).append(": ").append(json(e.getValue()));
      sep = ", ";
    }
    line(h.append("}}").toString());
  }

  /** The file's name (in the recordings directory). */
  public String name() {
    return file.getFileName().toString();
  }

  public Path file() {
    return file;
  }

  /** What the process printed. */
  public synchronized void output(byte[] data) {
    bytesOut += data.length;
    if (file == null) return;
    event("o", outText.decode(data));
  }

  /** What the person typed. */
  public synchronized void input(byte[] data) {
    bytesIn += data.length;
    if (file == null) return;
    String text = inText.decode(data);
    if (typed.length() < TYPED_KEPT) typed.append(text, 0, Math.min(text.length(), TYPED_KEPT - typed.length()));
    event("i", text);
  }

  public synchronized void resize(int cols, int rows) {
    if (file == null) return;
    event("r", cols + "x" + rows);
  }

  public synchronized long bytesIn() {
    return bytesIn;
  }

  public synchronized long bytesOut() {
    return bytesOut;
  }

  public synchronized boolean capped() {
    return capped;
  }

  /** What was typed (the first {@value #TYPED_KEPT} characters), control characters as typed. */
  public synchronized String typed() {
    return typed.toString();
  }

  /** Ends the file; its SHA-256 is then {@link Recordings#sha256}. */
  @Override
  public synchronized void close() {
    if (closed || out == null) return;
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the session recording " + file, e);
    }
  }

  private void event(String kind, String text) {
    if (capped || closed || text.isEmpty()) return;
    String line = "[" + seconds() + ", \"" + kind + "\", " + json(text) + "]";
    // room for the cap's own two events
    if (written + line.length() * 3L + 1 > cap - 200) {
      capped = true;
      String t = seconds();
      line("[" + t + ", \"o\", " + json("\r\n[berth] recording stopped: it reached its size cap (" + cap
          + " bytes); the session went on unrecorded\r\n") + "]");
      line("[" + t + ", \"m\", \"recording cap reached\"]");
      return;
    }
    line(line);
  }

  private String seconds() {
    double s = (System.nanoTime() - startNanos) / 1e9;
    return String.format(Locale.ROOT, "%.6f", s);
  }

  private void line(String text) {
    byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      out.write(b);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the session recording " + file, e);
    }
    written += b.length;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** UTF-8 text of a read, a multi-byte character split across two reads decoded whole with the next one. */
  private static final class Utf8 {
    private byte[] tail = new byte[0];

    String decode(byte[] data) {
      byte[] all = new byte[tail.length + data.length];
      System.arraycopy(tail, 0, all, 0, tail.length);
      System.arraycopy(data, 0, all, tail.length, data.length);
      int complete = completeLength(all);
      tail = java.util.Arrays.copyOfRange(all, complete, all.length);
      return new String(all, 0, complete, StandardCharsets.UTF_8); // malformed bytes become U+FFFD
    }

    /** Length of {@code b} without an unfinished sequence at its end. */
    private static int completeLength(byte[] b) {
      for (int back = 1; back <= Math.min(3, b.length); back++) {
        int x = b[b.length - back] & 0xff;
        if ((x & 0xc0) == 0x80) continue; // a continuation byte: look further back for its lead
        int need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
        return need > back ? b.length - back : b.length;
      }
      return b.length;
    }
  }

  /** JSON string literal (the one escaping asciicast needs: quotes, backslash, control characters). */
  static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x2028 && c <= 0x2029)) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
