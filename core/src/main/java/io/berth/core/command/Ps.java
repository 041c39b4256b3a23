package io.berth.core.command;

import java.util.List;

/** {@code ps [-a] [--filter KEY=VALUE]...}: filters are label=, name=, status=. */
public record Ps(boolean all, List<Filter> filters) implements DockerRequest {
  public Ps {
    filters = List.copyOf(filters);
  }

  public static Ps running() {
    return new Ps(false, List.of());
  }

  /** One {@code --filter key=value} pair. */
  public record Filter(String key, String value) {
    public Filter {
      if (!List.of("label", "name", "status").contains(key)) {
        throw new IllegalArgumentException(
            "unsupported filter \"" + key + "\" (supported: label, name, status)");
      }
    }
  }

  @Override
  public String action() {
    return "ps";
  }
}
