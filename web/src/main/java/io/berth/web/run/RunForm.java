package io.berth.web.run;

import io.berth.core.language.CommandTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The run form's fields written as a {@code run -d …} command in the command language (always
 * detached: a browser does not wait on a container). The text then goes through the same parser
 * as chat and the CLI, so ports (IPv6 too), env, labels, volumes and restart policies follow one
 * grammar; the guards (privileged, bind mounts, image allowlist) are the core's.
 */
public final class RunForm {
  private RunForm() {}

  /** The form's process and resource fields: {@code -w}, {@code -u}, {@code --memory}, {@code --cpus} (blank: not given). */
  public record Settings(String workdir, String user, String memory, String cpus) {
    public static final Settings NONE = new Settings(null, null, null, null);
  }

  /** Throws IllegalArgumentException naming the field when the form cannot be written as a command. */
  public static String toCommand(String image, String name, String ports, String env, String labels, String volumes,
      String restart, String command) {
    return toCommand(image, name, ports, env, labels, volumes, restart, command, Settings.NONE);
  }

  /** As above, with the process and resource fields; their values are checked by the parser, as typed ones. */
  public static String toCommand(String image, String name, String ports, String env, String labels, String volumes,
      String restart, String command, Settings settings) {
    if (image == null || image.isBlank()) throw new IllegalArgumentException("image: enter an image, e.g. localhost:5000/web:1");
    List<String> w = new ArrayList<>(List.of("run", "-d"));
    if (name != null && !name.isBlank()) w.addAll(List.of("--name", name.strip()));
    for (String p : words(ports)) w.addAll(List.of("-p", p));
    for (String e : lines(env)) w.addAll(List.of("-e", e));
    for (String l : lines(labels)) w.addAll(List.of("-l", l));
    for (String v : lines(volumes)) w.addAll(List.of("-v", v));
    if (restart != null && !restart.isBlank()) w.addAll(List.of("--restart", restart.strip()));
    optional(w, "-w", settings.workdir());
    optional(w, "-u", settings.user());
    optional(w, "--memory", settings.memory());
    optional(w, "--cpus", settings.cpus());
    w.add(image.strip());
    try {
      w.addAll(CommandTokenizer.words(command));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("command: " + e.getMessage());
    }
    return CommandTokenizer.join(w);
  }

  private static void optional(List<String> w, String flag, String value) {
    if (value != null && !value.isBlank()) w.add(flag + "=" + value.strip()); // one word: a value never reads as a flag
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    if (s == null) return out;
    for (String w : s.split("[\\s,]+")) if (!w.isBlank()) out.add(w.strip());
    return out;
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    if (s == null) return out;
    for (String l : s.split("\\R")) if (!l.isBlank()) out.add(l.strip());
    return out;
  }
}
