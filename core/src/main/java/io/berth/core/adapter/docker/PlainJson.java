package io.berth.core.adapter.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Engine API answer as plain Java values, read with jackson-core's streaming parser: for the listings a
 * one-shot CLI call makes ({@code ps}, {@code images}), where building docker-java's command layer and Jackson's
 * data binding would cost more than the call (docs/benchmarks.md).
 */
final class PlainJson {
  private static final JsonFactory JSON = new JsonFactory();

  private PlainJson() {}

  /** A whole response body; a truncated or malformed one is an {@link IOException}, never a shorter value. */
  static Object read(InputStream body) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      return value(p, p.nextToken());
    }
  }

  /** The value at the parser's current token {@code t}: objects as ordered maps, arrays as lists, numbers as Long/Double. */
  static Object value(JsonParser p, JsonToken t) throws IOException {
    if (t == null) throw new IOException("the engine's answer ended early");
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
          String name = p.currentName();
          m.put(name, value(p, p.nextToken()));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) l.add(value(p, v));
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected " + t + " in the engine's answer");
    };
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  static String string(Object o) {
    return o instanceof String s ? s : "";
  }

  static List<String> strings(Object o) {
    return list(o).stream().filter(String.class::isInstance).map(String.class::cast).toList();
  }

  /** String values only (labels): a null or non-string value is left out. */
  static Map<String, String> stringMap(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    map(o).forEach((k, v) -> {
      if (v instanceof String s) out.put(k, s);
    });
    return out;
  }
}
