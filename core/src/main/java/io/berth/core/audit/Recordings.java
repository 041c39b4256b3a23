package io.berth.core.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where interactive sessions are recorded ({@code audit.recordings}: a {@code recordings/} directory beside the
 * audit trail by default), each file capped at {@code maxBytes}. A session's closing audit record names its file
 * and the file's SHA-256 ({@link #reference}); since that record is chained, {@link AuditVerifier} finds an edited,
 * swapped or deleted recording by hashing the file again.
 */
public final class Recordings {
  /** How the closing record names the recording: {@code recording NAME.cast sha256:HEX}. */
  private static final Pattern REFERENCE = Pattern.compile("recording ([0-9A-Za-z._-]+\\.cast) sha256:([0-9a-f]{64})");
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z._-]+");

  private final Path dir;
  private final long maxBytes;

  public Recordings(Path dir, long maxBytes) {
    this.dir = dir.toAbsolutePath().normalize();
    if (maxBytes < 4096) throw new IllegalArgumentException("a recording cap under 4 KiB leaves no room for a session");
    this.maxBytes = maxBytes;
  }

  public Path dir() {
    return dir;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Starts recording session {@code id} (a request id: letters, digits, dashes) in a new file. */
  public SessionRecording start(String id, int cols, int rows, Instant start, Map<String, String> env) {
    if (!NAME.matcher(id).matches()) throw new IllegalArgumentException("not a recording id: " + id);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the recordings directory " + dir, e);
    }
    return new SessionRecording(dir.resolve(id + ".cast"), maxBytes, cols, rows, start.getEpochSecond(), env);
  }

  /** The words the closing audit record carries for a finished recording. */
  public static String reference(SessionRecording r) {
    return "recording " + r.name() + " sha256:" + sha256(r.file());
  }

  /** The recording a record's message names, if any. */
  public static Optional<Named> named(String message) {
    if (message == null) return Optional.empty();
    Matcher m = REFERENCE.matcher(message);
    return m.find() ? Optional.of(new Named(m.group(1), m.group(2))) : Optional.empty();
  }

  /** A recording as an audit record names it. */
  public record Named(String file, String sha256) {}

  /** Null when the recording matches its record, else what is wrong with it. */
  public String problem(Named named) {
    Path f = dir.resolve(named.file()).normalize();
    if (!f.getParent().equals(dir)) return "recording " + named.file() + " is not in " + dir;
    if (!Files.isRegularFile(f)) return "recording " + named.file() + " is missing from " + dir;
    String actual = sha256(f);
    return actual.equals(named.sha256()) ? null
        : "recording " + named.file() + " was changed after its session ended (sha256 " + actual + ", the audit record says "
            + named.sha256() + ")";
  }

  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("the recording " + file + " is gone", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recording " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
