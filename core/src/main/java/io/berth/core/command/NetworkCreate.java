package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code network create [--driver bridge] [--subnet CIDR] [--label K=V]... [--internal] NAME}.
 * A network changes what containers on the host can reach, so creating one is for admins by
 * default (permission class destructive, whose built-in role is admin).
 */
public record NetworkCreate(String name, String driver, String subnet, Map<String, String> labels, boolean internal)
    implements DockerRequest {
  private static final Pattern DRIVER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)/\\d{1,3}");

  public NetworkCreate {
    if (!ContainerName.isName(name)) {
      throw new IllegalArgumentException("bad network name \"" + name
          + "\"; use two or more letters, digits, _ . - (starting with a letter or digit)");
    }
    driver = driver == null ? "bridge" : driver;
    if (!DRIVER.matcher(driver).matches()) throw new IllegalArgumentException("bad --driver \"" + driver + "\"; e.g. bridge");
    if (subnet != null && !CIDR.matcher(subnet).matches()) {
      throw new IllegalArgumentException("bad --subnet \"" + subnet + "\"; write an address range such as 10.10.0.0/24");
    }
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The new network's id, as docker prints it. */
  public record Created(String id) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return id + "\n";
    }
  }

  public static final CommandSpec<NetworkCreate> SPEC = new CommandSpec<>() {
    @Override public Class<NetworkCreate> type() { return NetworkCreate.class; }
    @Override public Grammar<NetworkCreate> grammar() { return new NetworkCreateGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public NetworkCreate probe() { return new NetworkCreate("probe", null, null, Map.of(), false); }
    @Override public String target(NetworkCreate r) { return r.name(); }
    @Override public String consequence(NetworkCreate r, String target) { return "This will create network " + r.name() + "."; }

    @Override
    public void describe(NetworkCreate r, Words w) {
      if (!r.driver().equals("bridge")) w.option("--driver", r.driver());
      w.optional("--subnet", r.subnet());
      r.labels().forEach((k, v) -> w.option("--label", k + "=" + v));
      w.flag(r.internal(), "--internal").add(r.name());
    }

    @Override
    public Created execute(NetworkCreate r, Execution x) {
      return new Created(x.engine().createNetwork(r.name(), r.driver(), r.subnet(), r.labels(), r.internal()));
    }
  };

  @Command(name = "network create", description = "Create a network (admin).",
      customSynopsis = "network create [-d DRIVER] [--subnet CIDR] [--label KEY=VALUE]... [--internal] NETWORK")
  static final class NetworkCreateGrammar extends Grammar<NetworkCreate> {
    @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", description = "Network driver (default bridge).")
    String driver;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "Address range, e.g. 10.10.0.0/24.")
    String subnet;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--internal", description = "No access to outside networks.")
    boolean internal;

    @Parameters(index = "0", paramLabel = "NETWORK", description = "Name of the new network.")
    String name;

    @Override
    public NetworkCreate toRequest(ArgumentReader in) {
      Map<String, String> l = new LinkedHashMap<>();
      for (String s : labels) in.label(s, l);
      return new NetworkCreate(name, driver, subnet, l, internal);
    }
  }
}
