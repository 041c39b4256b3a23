package io.berth.core.language;

import io.berth.core.command.ContainerName;
import io.berth.core.command.Run;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns option values into typed parts of a request; every error names the command, the value and the fix. */
public final class ArgumentReader {
  private static final Pattern PORT = Pattern.compile(
      "(?:(?:(?<ip>\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:]+]):)?(?<host>\\d{1,5})?:)?(?<ctr>\\d{1,5})(?:/(?<proto>[a-z]+))?");
  /** Namespace keywords each flag takes besides {@code container:NAME}; {@code --network} also takes a network name. */
  private static final Map<String, List<String>> NAMESPACE_KEYWORDS = Map.of(
      "--network", List.of("host", "none", "bridge", "default"),
      "--pid", List.of("host"),
      "--ipc", List.of("host", "none", "private", "shareable"));
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?");
  private static final List<String> RESTART = List.of("no", "always", "unless-stopped", "on-failure");

  private final String command;
  private final Clock clock;

  /** A reader for values that come from a file rather than a command line (a compose file's ports and variables). */
  public static ArgumentReader forFile(String command) {
    return new ArgumentReader(command, Clock.systemUTC());
  }

  ArgumentReader(String command, Clock clock) {
    this.command = command;
    this.clock = clock;
  }

  /** A flag's value is wrong (docker: exit 125). */
  public CommandSyntaxException error(String message) {
    return new CommandSyntaxException(command + ": " + message, CommandSyntaxException.Kind.FLAG, command);
  }

  /** An argument is wrong, e.g. an image reference outside docker's grammar (docker: exit 1, 125 for run). */
  public CommandSyntaxException argumentError(String message) {
    return new CommandSyntaxException(command + ": " + message, CommandSyntaxException.Kind.ARGUMENT, command);
  }

  public Run.PortBinding port(String spec) {
    Matcher m = PORT.matcher(spec);
    String fix = "; use [HOST_IP:]HOST_PORT:CONTAINER_PORT[/tcp|udp], e.g. -p 8080:80";
    if (!m.matches()) throw error("bad port mapping \"" + spec + "\"" + fix);
    String proto = m.group("proto");
    if (proto != null && !List.of("tcp", "udp", "sctp").contains(proto)) {
      throw error("bad protocol \"" + proto + "\" in -p " + spec + "; use tcp, udp or sctp");
    }
    int ctr = Integer.parseInt(m.group("ctr"));
    Integer host = m.group("host") == null ? null : Integer.valueOf(m.group("host"));
    if (ctr < 1 || ctr > 65535 || (host != null && host > 65535)) {
      throw error("port out of range in -p " + spec + "; ports are 1..65535");
    }
    String ip = m.group("ip");
    if (ip != null && ip.startsWith("[")) ip = ip.substring(1, ip.length() - 1);
    return new Run.PortBinding(ip, host, ctr, proto);
  }

  public Run.EnvVar env(String spec) {
    int eq = spec.indexOf('=');
    if (eq < 0) {
      throw error("-e " + spec + " has no value; write -e " + spec + "=VALUE (Berth does not pass its own environment)");
    }
    String key = spec.substring(0, eq);
    if (!KeyValueFile.isEnvName(key)) {
      throw error("bad variable name \"" + key + "\" in -e; names are letters, digits and _ (e.g. -e LOG_LEVEL=debug)");
    }
    return new Run.EnvVar(key, spec.substring(eq + 1));
  }

  public void label(String spec, Map<String, String> into) {
    int eq = spec.indexOf('=');
    String key = eq < 0 ? spec : spec.substring(0, eq);
    if (key.isBlank()) throw error("bad label \"" + spec + "\"; write -l KEY=VALUE");
    into.put(key, eq < 0 ? "" : spec.substring(eq + 1));
  }

  public Run.VolumeMount volume(String spec) {
    String[] parts = spec.split(":", -1);
    String fix = "; write -v SOURCE:/container/path[:ro], SOURCE a volume name or a host path";
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) throw error("bad volume \"" + spec + "\"" + fix);
    if (!parts[1].startsWith("/")) {
      throw error("volume target \"" + parts[1] + "\" in -v " + spec + " must be an absolute path (start with /)");
    }
    boolean ro = false;
    if (parts.length == 3) {
      if (!parts[2].equals("ro") && !parts[2].equals("rw")) {
        throw error("bad volume mode \"" + parts[2] + "\" in -v " + spec + "; use ro or rw");
      }
      ro = parts[2].equals("ro");
    }
    Run.VolumeMount mount = new Run.VolumeMount(parts[0], parts[1], ro);
    if (!mount.isBindMount() && !ContainerName.isName(parts[0])) {
      throw error("bad volume name \"" + parts[0] + "\" in -v " + spec
          + "; a named volume is letters, digits, _ . - (2 or more, starting with a letter or digit), a host path starts with /");
    }
    return mount;
  }

  /**
   * {@code --network/--pid/--ipc MODE} in canonical form. Keywords are matched case-insensitively
   * and written lower-case, so {@code --pid HOST} meets the same guard as {@code --pid host} (the
   * engine treats {@code Container:x} as a container mode too); {@code container:NAME} keeps NAME.
   */
  public String namespace(String flag, String mode) {
    if (mode == null) return null;
    List<String> keywords = NAMESPACE_KEYWORDS.get(flag);
    String lower = mode.toLowerCase(java.util.Locale.ROOT);
    String fix = "; use " + String.join(", ", keywords) + (flag.equals("--network") ? ", a network name" : "")
        + " or container:NAME";
    if (lower.startsWith(Run.HostAccess.CONTAINER)) {
      String target = mode.substring(Run.HostAccess.CONTAINER.length());
      if (!ContainerName.isReference(target)) throw error("bad container \"" + target + "\" in " + flag + " " + mode + fix);
      return Run.HostAccess.CONTAINER + target;
    }
    if (keywords.contains(lower)) return lower;
    if (flag.equals("--network") && ContainerName.isName(mode)) return mode;
    throw error("bad " + flag + " mode \"" + mode + "\"" + fix);
  }

  public String restart(String spec) {
    if (spec == null) return "no";
    String base = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
    if (!RESTART.contains(base) || (spec.contains(":") && !(base.equals("on-failure") && spec.matches("on-failure:\\d{1,4}")))) {
      throw error("bad restart policy \"" + spec + "\"; use no, always, unless-stopped or on-failure[:N]");
    }
    return spec;
  }

  public String name(String name) {
    if (name == null) return null;
    if (!ContainerName.isName(name)) {
      throw error("bad container name \"" + name + "\"; use two or more letters, digits, _ . - (starting with a letter or digit)");
    }
    return name;
  }

  public Integer nonNegative(String flag, String value) {
    if (value == null) return null;
    try {
      int n = Integer.parseInt(value.strip());
      if (n < 0) throw error(flag + " must be 0 or more, not " + value);
      return n;
    } catch (NumberFormatException e) {
      throw error(flag + " needs a whole number, not \"" + value + "\" (e.g. " + flag + " 10)");
    }
  }

  /** {@code -w DIR}: an absolute path, as the engine requires, without control characters. */
  public String workdir(String dir) {
    if (dir == null) return null;
    if (!dir.startsWith("/") || dir.chars().anyMatch(Character::isISOControl)) {
      throw error("bad working directory \"" + dir + "\" in -w; it must be an absolute path inside the container, e.g. -w /app");
    }
    return dir;
  }

  /** {@code -u USER[:GROUP]}: names or numeric ids, by the grammar of Linux user and group names. */
  public String user(String spec) {
    if (spec == null) return null;
    if (!USER.matcher(spec).matches()) {
      throw error("bad user \"" + spec + "\" in -u; write a name or uid, optionally :group or :gid (e.g. -u 1000:1000)");
    }
    return spec;
  }

  /** A byte size by docker's RAMInBytes ({@code 512m}, {@code 1g}, {@code 1.5g}). */
  public Long size(String flag, String value) {
    if (value == null) return null;
    try {
      return SizeText.ramInBytes(value);
    } catch (IllegalArgumentException e) {
      throw error(flag + ": " + e.getMessage());
    }
  }

  /** {@code --cpus} as NanoCpus. */
  public long cpus(String value) {
    try {
      return SizeText.nanoCpus(value);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /** A duration in Go's grammar ({@code 30s}, {@code 1m30s}), as docker's duration flags take. */
  public java.time.Duration duration(String flag, String value) {
    if (value == null) return null;
    try {
      return io.berth.core.config.DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw error(flag + ": " + e.getMessage());
    }
  }

  /** A file path for {@code --env-file}/{@code --label-file}; where it may lie is checked when the run executes. */
  public String file(String flag, String path) {
    if (path.isBlank() || path.chars().anyMatch(Character::isISOControl)) {
      throw error("bad file \"" + path + "\" in " + flag + "; name a file under policy.run.fileRoots");
    }
    return path;
  }

  public Integer tail(String value) {
    if (value == null || value.equalsIgnoreCase("all")) return null;
    return nonNegative("--tail", value);
  }

  public int limit(String value) {
    if (value == null) return 20;
    Integer n = nonNegative("--limit", value);
    if (n < 1 || n > 500) throw error("--limit must be 1..500, not " + value);
    return n;
  }

  /** A point in time, as {@link TimeText} reads it (durations back from now, RFC 3339, unix seconds). */
  public Instant since(String flag, String value) {
    try {
      return TimeText.parse(flag, value, clock);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /**
   * A time flag of a docker command ({@code events --since/--until}), read by the one parser ({@link TimeText}).
   * docker's client reads these when the command runs, so a bad one is not a usage error there: it prints
   * {@code failed to parse value as time or duration: "…"} alone and exits 1 ({@link CommandSyntaxException.Kind#VALUE}).
   */
  public Instant time(String flag, String value) {
    try {
      return TimeText.parse(flag, value, clock);
    } catch (IllegalArgumentException e) {
      throw new CommandSyntaxException("failed to parse value as time or duration: \"" + value + "\"",
          CommandSyntaxException.Kind.VALUE, command);
    }
  }

  /**
   * A positional that names something. CONTAINER must be a name or id by docker's grammar here;
   * images are checked by their request records ({@link io.berth.core.command.ImageRef}).
   */
  public String reference(String what, String value) {
    if (value.isBlank() || value.startsWith("-")) {
      throw argumentError("bad " + what + " \"" + value + "\"; name a " + what + " (see \"help " + command + "\")");
    }
    if (what.equals("STACK") && !io.berth.core.command.Swarm.isName(value)) {
      throw error("bad STACK \"" + value + "\"; a stack name has letters and digits, with - or _ only between them "
          + "(at most 63 characters)");
    }
    if (java.util.List.of("NETWORK", "VOLUME", "NODE", "SERVICE").contains(what) && !ContainerName.isObjectReference(value)) {
      throw error("bad " + what + " \"" + value + "\"; a " + what.toLowerCase(java.util.Locale.ROOT)
          + " name or id has only letters, digits, _ . - (two or more, starting with a letter or digit)");
    }
    // CONTEXT/NAME names a container in another context (engine.endpoints)
    if (what.equals("CONTAINER") && !ContainerName.isReference(io.berth.core.command.ContextTarget.nameOf(value))) {
      throw argumentError("bad CONTAINER \"" + value + "\"; a container name or id has only letters, digits, _ . - "
          + "(starting with a letter or digit), optionally after CONTEXT/");
    }
    return value;
  }
}
