package io.berth.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@link AuditRow#computeHash}'s canonical encoding, written into one reused buffer and hashed by one
 * reused digest per thread. The group-commit writer hashes every record on its one thread, so this is
 * on the serial path of all appends: encoding field by field (a digest looked up per record, a string
 * per length prefix, a byte array per field) cost ~2.2 KB of garbage and tens of µs per record.
 * The bytes are exactly those the format defines (AuditRowHashTest pins both versions).
 */
final class HashEncoding {
  private static final ThreadLocal<HashEncoding> PER_THREAD = ThreadLocal.withInitial(HashEncoding::new);
  private static final int KEPT = 16 * 1024; // a buffer grown past this by a huge record is not kept
  private static final byte[] V1 = AuditRow.V1.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] V2 = AuditRow.V2.getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest sha = AuditRow.sha256();
  private byte[] buf = new byte[1024];
  private int len;

  static HashEncoding current() {
    return PER_THREAD.get();
  }

  String hash(AuditRow r) {
    len = 0;
    try {
      append(r.context() == null ? V1 : V2);
      number(r.seq());
      text(r.requestId());
      number(r.timeMs());
      text(r.outcome());
      text(r.berthUser());
      text(r.source());
      text(r.platformUserId());
      text(r.displayName());
      text(r.location());
      text(r.commandText());
      text(r.action());
      text(r.target());
      text(r.message());
      if (r.durationMs() == null) nullField();
      else number(r.durationMs());
      if (r.context() != null) text(r.context());
      text(r.prevHash());
      sha.update(buf, 0, len);
      return HexFormat.of().formatHex(sha.digest());
    } finally {
      sha.reset(); // also after a failure half-way
      if (buf.length > KEPT) buf = new byte[1024];
    }
  }

  /** {@code -;} */
  private void nullField() {
    ensure(2);
    buf[len++] = '-';
    buf[len++] = ';';
  }

  /** {@code <utf8 length>:<utf8 bytes>;}, or {@code -;} for null. */
  private void text(String s) {
    if (s == null) {
      nullField();
      return;
    }
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) ascii = s.charAt(i) < 0x80;
    if (!ascii) { // rare: the JDK's encoder, so unpaired surrogates encode exactly as getBytes always did
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      digits(bytes.length);
      ensure(bytes.length + 2);
      buf[len++] = ':';
      System.arraycopy(bytes, 0, buf, len, bytes.length);
      len += bytes.length;
      buf[len++] = ';';
      return;
    }
    digits(n);
    ensure(n + 2);
    buf[len++] = ':';
    for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
    buf[len++] = ';';
  }

  /** A number's decimal text as a field (what {@code Long.toString} gives). */
  private void number(long v) {
    if (v == Long.MIN_VALUE) {
      text(Long.toString(v));
      return;
    }
    int size = (v < 0 ? 1 : 0) + decimalDigits(Math.abs(v));
    digits(size);
    ensure(size + 2);
    buf[len++] = ':';
    if (v < 0) buf[len++] = '-';
    writeDigits(Math.abs(v));
    buf[len++] = ';';
  }

  /** A non-negative number's digits, unframed (a length prefix). */
  private void digits(long v) {
    ensure(20);
    writeDigits(v);
  }

  private void writeDigits(long v) {
    int n = decimalDigits(v);
    for (int i = len + n - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    len += n;
  }

  private static int decimalDigits(long v) {
    int n = 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  private void append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  private void ensure(int more) {
    if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
  }
}
