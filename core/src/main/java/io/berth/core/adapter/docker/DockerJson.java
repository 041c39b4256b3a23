package io.berth.core.adapter.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * An Engine API document as docker's {@code inspect} prints it: Go's {@code json.MarshalIndent}
 * with four spaces, {@code "Key": value}, {@code {}} and {@code []} when empty, keys in the engine's order.
 */
final class DockerJson {
  private DockerJson() {}

  static String indent(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb, "");
    return sb.toString();
  }

  private static void write(JsonNode n, StringBuilder sb, String indent) {
    String inner = indent + "    ";
    if (n.isObject()) {
      if (n.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append(inner).append(new TextNode(e.getKey())).append(": ");
        write(e.getValue(), sb, inner);
        sb.append(it.hasNext() ? ",\n" : "\n");
      }
      sb.append(indent).append('}');
    } else if (n.isArray()) {
      if (n.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < n.size(); i++) {
        sb.append(inner);
        write(n.get(i), sb, inner);
        sb.append(i < n.size() - 1 ? ",\n" : "\n");
      }
      sb.append(indent).append(']');
    } else {
      sb.append(n.toString());
    }
  }
}
