package io.berth.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * JSON as docker prints it: a document read into plain values (maps keep the engine's order,
 * numbers their literal value) and written back the way Go's encoder writes it ({@code "k": v},
 * {@code []}, four-space indent for {@code inspect}; one line for {@code {{json}}}).
 */
public final class JsonText {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private JsonText() {}

  /** Maps (insertion-ordered), lists, strings, numbers, booleans and null. */
  public static Object parse(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * One line, order kept, as {@code {{json .X}}} prints: docker re-marshals its typed structs, whose
   * fields come in the order the engine wrote them (and the engine writes Go maps with sorted keys).
   */
  public static String compact(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, null, "");
    return sb.toString();
  }

  /** One line, order kept: Go's {@code json.Marshal} of a struct (its fields in declaration order). */
  public static String compactInOrder(Object value) {
    return compact(value); // compact keeps the order it is given
  }

  /** Indented, order kept: docker's {@code inspect} output. */
  public static String indented(Object value, String indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, indent, "");
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, String indent, String at) {
    if (v == null || v == GoTemplate.Nil.POINTER) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof BigDecimal d) {
      sb.append(d.toPlainString());
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      Map<?, ?> entries = m;
      String inner = indent == null ? "" : at + indent;
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : entries.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        if (indent != null) sb.append('\n').append(inner);
        quote(sb, String.valueOf(e.getKey()));
        sb.append(indent == null ? ":" : ": ");
        write(sb, e.getValue(), indent, inner);
      }
      if (indent != null) sb.append('\n').append(at);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      String inner = indent == null ? "" : at + indent;
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) sb.append(',');
        if (indent != null) sb.append('\n').append(inner);
        write(sb, l.get(i), indent, inner);
      }
      if (indent != null) sb.append('\n').append(at);
      sb.append(']');
    } else {
      quote(sb, String.valueOf(v));
    }
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
