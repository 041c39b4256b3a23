package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code volume create [--label K=V]... [VOLUME]}: admin by default (permission class
 * destructive). Without a name the engine picks one. Only the local driver: another driver's
 * options could mount what the run guards keep out (NFS, host paths).
 */
public record VolumeCreate(String name, Map<String, String> labels) implements DockerRequest {
  public VolumeCreate {
    if (name != null && !ContainerName.isName(name)) {
      throw new IllegalArgumentException("bad volume name \"" + name
          + "\"; use two or more letters, digits, _ . - (starting with a letter or digit)");
    }
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  public static final CommandSpec<VolumeCreate> SPEC = new CommandSpec<>() {
    @Override public Class<VolumeCreate> type() { return VolumeCreate.class; }
    @Override public Grammar<VolumeCreate> grammar() { return new VolumeCreateGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public VolumeCreate probe() { return new VolumeCreate(null, Map.of()); }
    @Override public String target(VolumeCreate r) { return r.name() == null ? "" : r.name(); }

    @Override
    public String consequence(VolumeCreate r, String target) {
      return "This will create volume " + (r.name() == null ? "(named by the engine)" : r.name()) + ".";
    }

    @Override
    public void describe(VolumeCreate r, Words w) {
      r.labels().forEach((k, v) -> w.option("--label", k + "=" + v));
      if (r.name() != null) w.add(r.name());
    }

    @Override
    public NetworkRm.Names execute(VolumeCreate r, Execution x) {
      return new NetworkRm.Names(List.of(x.engine().createVolume(r.name(), r.labels())));
    }
  };

  @Command(name = "volume create", description = "Create a volume (admin).",
      customSynopsis = "volume create [--label KEY=VALUE]... [VOLUME]")
  static final class VolumeCreateGrammar extends Grammar<VolumeCreate> {
    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Parameters(index = "0", arity = "0..1", paramLabel = "VOLUME", description = "Name (the engine picks one if absent).")
    String name;

    @Override
    public VolumeCreate toRequest(ArgumentReader in) {
      Map<String, String> l = new LinkedHashMap<>();
      for (String s : labels) in.label(s, l);
      return new VolumeCreate(name, l);
    }
  }
}
