package io.berth.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the YAML tree plus its dotted path, so every error can name the exact key. The one
 * reader of configuration values: the core's sections and every {@link SettingsSection} a module
 * outside core binds use the same reads, the same messages and the same secret rules.
 */
public final class YamlSection {
  private final String path;
  private final JsonNode node;

  YamlSection(String path, JsonNode node) {
    this.path = path;
    this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
    if (!this.node.isMissingNode() && !this.node.isObject()) {
      throw new ConfigException(path, "expected a mapping of keys, got " + kind(this.node));
    }
  }

  public String path() {
    return path;
  }

  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** Fails on any key not in {@code known}, suggesting the closest known key. */
  public void allowOnly(String... known) {
    Set<String> allowed = Set.of(known);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        String hint = Suggest.closest(key, List.of(known)).map(s -> "did you mean \"" + s + "\"? ").orElse("");
        throw new ConfigException(pathOf(key), "unknown key; " + hint + "(known: " + String.join(", ", known) + ")");
      }
    }
  }

  public YamlSection section(String key) {
    return new YamlSection(pathOf(key), node.get(key));
  }

  /** Child mappings in file order (e.g. the users under {@code policy.users}). */
  Map<String, JsonNode> entries() {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** A list of mappings (e.g. {@code policy.groups}), each named by its index for errors; empty when absent. */
  public List<YamlSection> sections(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return List.of();
    if (!v.isArray()) throw new ConfigException(pathOf(key), "expected a list, got " + kind(v));
    List<YamlSection> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) out.add(new YamlSection(pathOf(key) + "[" + i + "]", v.get(i)));
    return out;
  }

  public String string(String key, String def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (!v.isValueNode() || v.isBinary()) {
      throw new ConfigException(pathOf(key), "expected a text value, got " + kind(v));
    }
    return v.asText();
  }

  public String oneOf(String key, String def, List<String> known) {
    String v = string(key, def);
    if (!known.contains(v)) {
      throw new ConfigException(pathOf(key), "unknown value \"" + v + "\" (known: " + String.join(", ", known) + ")");
    }
    return v;
  }

  public int integer(String key, int def, int min, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    long n;
    if (v.isIntegralNumber()) {
      n = v.asLong();
    } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,18}")) {
      n = Long.parseLong(v.asText().strip());
    } else {
      throw new ConfigException(pathOf(key), "expected a whole number, got " + describe(v));
    }
    if (n < min || n > max) {
      throw new ConfigException(pathOf(key), n + " is out of range (allowed: " + min + ".." + max + ")");
    }
    return (int) n;
  }

  public boolean bool(String key, boolean def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (v.isBoolean()) return v.asBoolean();
    if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) return Boolean.parseBoolean(v.asText());
    throw new ConfigException(pathOf(key), "expected true or false, got " + describe(v));
  }

  public Duration duration(String key, Duration def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (v.isNumber()) {
      throw new ConfigException(pathOf(key), "a duration needs a unit, e.g. \"" + v.asText() + "s\" (units: ms, s, m, h, d)");
    }
    try {
      Duration d = DurationText.parse(string(key, null));
      if (d.isZero()) throw new ConfigException(pathOf(key), "must be longer than 0s");
      return d;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(pathOf(key), e.getMessage());
    }
  }

  public List<String> strings(String key, List<String> def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def;
    if (v.isValueNode() && !v.isBinary()) return List.of(v.asText());
    if (!v.isArray()) throw new ConfigException(pathOf(key), "expected a list, got " + kind(v));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (e == null || e.isNull() || !e.isValueNode() || e.asText().isBlank()) {
        throw new ConfigException(pathOf(key) + "[" + i + "]", "expected a non-empty text value, got " + describe(e));
      }
      out.add(e.asText());
    }
    return List.copyOf(out);
  }

  public List<String> stringsOf(String key, List<String> def, List<String> known) {
    List<String> v = strings(key, def);
    for (int i = 0; i < v.size(); i++) {
      if (!known.contains(v.get(i))) {
        String hint = Suggest.closest(v.get(i), known).map(s -> "did you mean \"" + s + "\"? ").orElse("");
        throw new ConfigException(pathOf(key) + "[" + i + "]",
            "unknown value \"" + v.get(i) + "\"; " + hint + "(known: " + String.join(", ", known) + ")");
      }
    }
    return v;
  }

  public Map<String, String> stringMap(String key) {
    YamlSection s = section(key);
    Map<String, String> out = new LinkedHashMap<>();
    s.entries().forEach((k, v) -> out.put(k, s.string(k, null)));
    out.values().removeIf(java.util.Objects::isNull);
    return out;
  }

  /**
   * A secret: {@code {env: NAME}}, {@code {file: PATH}} or both. A plain value is refused so
   * secrets never live in the YAML file.
   */
  public Secret secret(String key, Secret def, Map<String, String> env) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) return def.resolve(env);
    if (!v.isObject()) {
      throw new ConfigException(pathOf(key), "secrets cannot be written in the YAML file; use {env: VARIABLE} "
          + "or {file: PATH} (known: env, file)");
    }
    YamlSection s = section(key);
    s.allowOnly("env", "file");
    String envName = s.string("env", null);
    String file = s.string("file", null);
    if (envName == null && file == null) {
      throw new ConfigException(pathOf(key), "name an env variable or a file (known: env, file)");
    }
    try {
      return Secret.ref(envName, file == null ? null : Path.of(file)).resolve(env);
    } catch (java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
      throw new ConfigException(pathOf(key) + ".file", "cannot read " + file + " (" + e.getMessage() + ")");
    }
  }

  /**
   * An http(s):// or ws(s):// URL (a platform's API or gateway, e.g. a stand-in's): the key, else
   * {@code envValue} (an environment override such as {@code SLACK_API_URL}) when set, else null.
   */
  public String url(String key, String envValue) {
    String v = string(key, null);
    if (v == null) v = envValue == null || envValue.isBlank() ? null : envValue;
    if (v != null && !v.matches("(https?|wss?)://\\S+")) {
      throw new ConfigException(pathOf(key), "\"" + v + "\" is not an http(s):// or ws(s):// URL");
    }
    return v;
  }

  private static String kind(JsonNode v) {
    if (v.isObject()) return "a mapping";
    if (v.isArray()) return "a list";
    return describe(v);
  }

  private static String describe(JsonNode v) {
    if (v == null || v.isNull()) return "nothing";
    if (v.isObject()) return "a mapping";
    if (v.isArray()) return "a list";
    return "\"" + v.asText() + "\"";
  }
}
