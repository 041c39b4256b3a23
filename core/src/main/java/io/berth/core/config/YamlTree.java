package io.berth.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * The configuration file's YAML as a {@link JsonNode} tree, read with Jackson's YAML parser (its scalar types, its
 * errors and their line numbers) into nodes from {@link JsonNodeFactory}, without an {@code ObjectMapper}.
 *
 * <p>Why not {@code YAMLMapper.readTree}: building the first {@code ObjectMapper} of a JVM initialises the JDK's
 * calendar and locale data for its default date format, ~40–50 ms of every {@code ./berth docker …} call, which
 * reads its configuration and builds no other mapper (docs/benchmarks.md). The tree is the same one
 * {@code readTree} builds: objects, arrays, text, int/long/big-integer and floating numbers, booleans, null.
 */
final class YamlTree {
  // a key written twice is a mistake, not "the last one wins". rebuild(), not builder(): YAMLFactory.builder() starts
  // with no YAML parser features, not the defaults (EMPTY_STRING_AS_NULL: "key:" with no value is null) readTree has
  private static final YAMLFactory YAML = new YAMLFactory().rebuild()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlTree() {}

  /** The first document of {@code yaml}; null when it holds none (only comments, say). */
  static JsonNode read(String yaml) throws IOException {
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken first = p.nextToken();
      return first == null ? null : value(p, first);
    }
  }

  /** The value that starts at {@code t}; the parser bounds how deep documents nest (StreamReadConstraints). */
  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> array(p);
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> NODES.binaryNode(p.getBinaryValue()); // !!binary
      default -> throw new IOException("unexpected " + t + " in YAML");
    };
  }

  private static ObjectNode object(JsonParser p) throws IOException {
    ObjectNode o = NODES.objectNode();
    for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
      String name = p.currentName();
      o.set(name, value(p, p.nextToken()));
    }
    return o;
  }

  private static ArrayNode array(JsonParser p) throws IOException {
    ArrayNode a = NODES.arrayNode();
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) a.add(value(p, e));
    return a;
  }
}
