package io.berth.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A sealed archive segment: gzip of JSON lines, one record per line in seq order (the JSONL export
 * format, raw values, so hashes recompute), then one line {@code {"seal": <checkpoint>}} signing
 * the segment's last seq and hash.
 */
public final class ArchiveSegment {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ArchiveSegment() {}

  /** The file name of the segment holding {@code first..through}; zero-padded so names sort in seq order. */
  public static String name(long first, long through) {
    return String.format("audit-%012d-%012d.jsonl.gz", first, through);
  }

  /** Streams the segment's rows to {@code sink} and returns its seal (null when the seal line is missing). */
  static Checkpoint read(Path file, AuditRowSink sink) throws IOException {
    Checkpoint seal = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) continue;
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IOException(file.getFileName() + " line " + number + " is not JSON", e);
        }
        if (n.has("seal")) {
          seal = CheckpointJson.fromNode(n.get("seal"));
        } else {
          sink.accept(JsonLinesExportWriter.parse(n));
        }
      }
    }
    return seal;
  }

  /** SHA-256 (hex) of the file's bytes: what the archived range and the chained archive record name. */
  public static String sha256(Path file) throws IOException {
    MessageDigest sha = AuditRow.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
