package io.berth.web.run;

import io.berth.core.command.Run;
import io.berth.web.http.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run form's fields turned into a {@link Run} request (always detached: a browser does not
 * wait on a container). Guards (privileged, bind mounts, image allowlist) are the core's.
 */
public final class RunForm {
  private RunForm() {}

  public static Run toRequest(String image, String name, String ports, String env, String labels, String volumes,
      String restart, String command) {
    if (image == null || image.isBlank()) throw new IllegalArgumentException("image: enter an image, e.g. localhost:5000/web:1");
    List<Run.PortBinding> portList = new ArrayList<>();
    for (String p : words(ports)) portList.add(port(p));
    List<Run.EnvVar> envList = new ArrayList<>();
    for (String line : lines(env)) {
      int eq = line.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("env: \"" + line.split("=")[0] + "\" must be KEY=VALUE");
      envList.add(new Run.EnvVar(line.substring(0, eq), line.substring(eq + 1)));
    }
    Map<String, String> labelMap = new LinkedHashMap<>();
    for (String line : lines(labels)) {
      int eq = line.indexOf('=');
      if (eq == 0) throw new IllegalArgumentException("labels: \"" + line + "\" must be key=value");
      if (eq < 0) labelMap.put(line, "");
      else labelMap.put(line.substring(0, eq), line.substring(eq + 1));
    }
    List<Run.VolumeMount> vols = new ArrayList<>();
    for (String v : lines(volumes)) {
      String[] parts = v.split(":");
      if (parts.length < 2 || parts.length > 3 || !parts[1].startsWith("/")) {
        throw new IllegalArgumentException("volumes: \"" + v + "\" must be SOURCE:/path[:ro]");
      }
      vols.add(new Run.VolumeMount(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro")));
    }
    String policy = restart == null || restart.isBlank() ? "no" : restart.strip();
    if (!List.of("no", "always", "unless-stopped", "on-failure").contains(policy)) {
      throw new IllegalArgumentException("restart: one of no, always, unless-stopped, on-failure");
    }
    String n = name == null || name.isBlank() ? null : name.strip();
    return new Run(image.strip(), n, true, portList, envList, labelMap, vols, policy, false, Args.split(command),
        Run.HostAccess.NONE);
  }

  /** {@code [ip:]host:container[/proto]} or {@code container[/proto]}. */
  static Run.PortBinding port(String spec) {
    try {
      String proto = null;
      String s = spec;
      int slash = s.indexOf('/');
      if (slash >= 0) {
        proto = s.substring(slash + 1);
        s = s.substring(0, slash);
      }
      String[] parts = s.split(":");
      return switch (parts.length) {
        case 1 -> new Run.PortBinding(null, null, Integer.parseInt(parts[0]), proto);
        case 2 -> new Run.PortBinding(null, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), proto);
        case 3 -> new Run.PortBinding(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), proto);
        default -> throw new IllegalArgumentException();
      };
    } catch (IllegalArgumentException e) {
      String why = e.getMessage() == null || e.getMessage().startsWith("For input") ? "" : " (" + e.getMessage() + ")";
      throw new IllegalArgumentException("ports: \"" + spec + "\" must be [ip:]host:container[/tcp|udp]" + why);
    }
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
