package io.berth.core.config;

import java.util.Map;

/**
 * A top-level section of the configuration owned by a module outside core — a chat platform's
 * {@code matrix:} keys — so that adding a platform adds nothing here. The loader hands the owner its
 * part of the YAML as a {@link YamlSection} (the same typed reads, error paths and secret rules as
 * every core section), keeps what it binds ({@link BerthConfig#section}), and {@code config check}
 * prints it. Binding is the check: a bad value throws {@link ConfigException} naming its path.
 *
 * <p>Sections are passed to {@link ConfigLoader#parse(String, Map, java.util.List)} by whoever wires
 * the application; the instance is the key, so declare each one once (a constant).
 *
 * @param <S> the owner's settings record
 */
public interface SettingsSection<S> {
  /** The top-level key, e.g. {@code matrix}: lowercase, not one of the core's own sections. */
  String key();

  /**
   * Validates and binds the section; an absent section is an empty one, so the defaults. Secrets
   * only through {@link YamlSection#secret} (environment or file, never a literal in the YAML).
   */
  S bind(YamlSection section, Map<String, String> env);

  /** The effective settings as {@code config check} prints them; secrets through {@link ConfigPrinter#masked}. */
  Map<String, Object> print(S settings);
}
