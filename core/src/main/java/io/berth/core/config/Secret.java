package io.berth.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A secret setting: where it comes from ({@code env} and/or {@code file}; env wins) and, once
 * resolved, its value. {@link #toString()} never shows the value.
 */
public final class Secret {
  private final String envName;
  private final Path file;
  private final String value;

  private Secret(String envName, Path file, String value) {
    this.envName = envName;
    this.file = file;
    this.value = value == null || value.isEmpty() ? null : value;
  }

  /** An unresolved reference: environment variable and/or file (either may be null). */
  public static Secret ref(String envName, Path file) {
    return new Secret(envName, file, null);
  }

  /** A value known in code (tests, generated keys); never read from YAML. */
  public static Secret ofValue(String value) {
    return new Secret(null, null, value);
  }

  /** Not configured at all. */
  public static Secret absent() {
    return new Secret(null, null, null);
  }

  /** Reads the value: the environment variable when set and non-empty, else the file when it exists. */
  public Secret resolve(Map<String, String> env) {
    if (value != null) return this;
    if (envName != null) {
      String v = env.get(envName);
      if (v != null && !v.isEmpty()) return new Secret(envName, file, v);
    }
    if (file != null && Files.isRegularFile(file)) {
      try {
        String v = Files.readString(file, StandardCharsets.UTF_8).strip();
        return new Secret(envName, file, v);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read secret file " + file, e);
      }
    }
    return this;
  }

  public boolean isPresent() {
    return value != null;
  }

  /** The secret's value; throws when it is not set (check {@link #isPresent()} first). */
  public String reveal() {
    if (value == null) throw new IllegalStateException("secret not set: " + describeSource());
    return value;
  }

  public Optional<String> envName() {
    return Optional.ofNullable(envName);
  }

  /** The file the secret is read from (and, for generated keys, written to). */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Where the secret is looked for, e.g. {@code env SLACK_BOT_TOKEN or file /run/secrets/x}. */
  public String describeSource() {
    if (envName == null && file == null) return "no source configured";
    StringBuilder sb = new StringBuilder();
    if (envName != null) sb.append("env ").append(envName);
    if (file != null) sb.append(sb.length() > 0 ? " or " : "").append("file ").append(file);
    return sb.toString();
  }

  /** Same source and same presence; values are compared too, in constant-ish time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && java.util.Objects.equals(envName, s.envName)
        && java.util.Objects.equals(file, s.file)
        && java.security.MessageDigest.isEqual(bytes(value), bytes(s.value)) && (value == null) == (s.value == null);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(envName, file);
  }

  private static byte[] bytes(String v) {
    return v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return value == null ? "(not set)" : "***";
  }
}
