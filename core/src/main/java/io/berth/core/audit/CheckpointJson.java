package io.berth.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A checkpoint as one JSON object: the witness file's lines and an archive segment's seal. */
public final class CheckpointJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CheckpointJson() {}

  public static ObjectNode toNode(Checkpoint c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("format", Checkpoint.FORMAT);
    n.put("seq", c.seq());
    n.put("head_hash", c.headHash());
    n.put("time", c.time().toString());
    n.put("time_ms", c.time().toEpochMilli());
    n.put("prev_signature_hash", c.prevSignatureHash());
    n.put("signature", c.signature());
    return n;
  }

  public static String toLine(Checkpoint c) {
    return toNode(c).toString();
  }

  public static Checkpoint fromNode(JsonNode n) {
    if (n == null || !n.hasNonNull("seq") || !n.hasNonNull("head_hash") || !n.hasNonNull("time_ms")
        || !n.hasNonNull("prev_signature_hash") || !n.hasNonNull("signature")) {
      throw new IllegalArgumentException("not a checkpoint (needs seq, head_hash, time_ms, prev_signature_hash, signature)");
    }
    return new Checkpoint(n.get("seq").asLong(), n.get("head_hash").asText(), Instant.ofEpochMilli(n.get("time_ms").asLong()),
        n.get("prev_signature_hash").asText(), n.get("signature").asText());
  }

  public static Checkpoint fromLine(String line) {
    try {
      return fromNode(JSON.readTree(line));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
