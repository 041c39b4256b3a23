package io.berth.core.command;

import io.berth.core.language.CommandTokenizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The words of a command's canonical text, built by {@link CommandSpec#describe}. */
public final class Words {
  private final List<String> words = new ArrayList<>();

  Words() {}

  /** A bare word: a flag without value, an argument. */
  public Words add(String word) {
    words.add(word);
    return this;
  }

  public Words addAll(Collection<String> more) {
    words.addAll(more);
    return this;
  }

  /** A flag and its value. */
  public Words option(String flag, String value) {
    words.add(flag);
    words.add(value);
    return this;
  }

  /** The flag only when set. */
  public Words flag(boolean set, String flag) {
    if (set) words.add(flag);
    return this;
  }

  /** The flag and value only when the value is present. */
  public Words optional(String flag, Object value) {
    if (value != null) option(flag, String.valueOf(value));
    return this;
  }

  String text(String name) {
    return words.isEmpty() ? name : name + " " + CommandTokenizer.join(words);
  }
}
