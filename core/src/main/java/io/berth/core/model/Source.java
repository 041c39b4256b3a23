package io.berth.core.model;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The surface a request came through, by name: {@code slack}, {@code discord}, {@code web},
 * {@code cli}, or any platform a chat adapter brings (e.g. {@code matrix}). Not a closed set: the
 * core never asks which platform it is, it only looks identities and channel allowlists up under
 * this name in the configuration, and the audit trail keeps the name as text.
 *
 * <p>One instance per name ({@link #of}), so {@code ==} compares like an enum constant did.
 */
public final class Source {
  /** What a platform name may be: it is a configuration key and an audit column. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Map<String, Source> BY_NAME = new ConcurrentHashMap<>();

  /** The surfaces of this repository, named here because tests and the launcher use them often. */
  public static final Source SLACK = of("slack");
  public static final Source DISCORD = of("discord");
  public static final Source WEB = of("web");
  public static final Source CLI = of("cli");

  private final String id;

  private Source(String id) {
    this.id = id;
  }

  /**
   * The source with this name (case ignored: audit filters are typed by people); throws
   * IllegalArgumentException when it is not a platform name. The only factory, so test
   * frameworks convert text to a Source through it.
   */
  public static Source of(String name) {
    name = name == null ? null : name.toLowerCase(Locale.ROOT);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("\"" + name + "\" is not a platform name (lowercase letters, digits and -,"
          + " e.g. slack, discord, web, cli)");
    }
    return BY_NAME.computeIfAbsent(name, Source::new);
  }

  /** The platform name, as in the configuration and the audit trail. */
  public String id() {
    return id;
  }

  /** Same as {@link #id()}. */
  public String name() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
