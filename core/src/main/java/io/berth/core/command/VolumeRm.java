package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code volume rm [-f] VOLUME...}: admin, confirmed by default. A volume the caller could not
 * mount with {@code run -v} (outside their scope) they cannot remove either.
 */
public record VolumeRm(boolean force, List<String> volumes) implements DockerRequest {
  public VolumeRm {
    volumes = List.copyOf(volumes);
    if (volumes.isEmpty()) throw new IllegalArgumentException("volume rm needs a VOLUME");
  }

  public static final CommandSpec<VolumeRm> SPEC = new CommandSpec<>() {
    @Override public Class<VolumeRm> type() { return VolumeRm.class; }
    @Override public Grammar<VolumeRm> grammar() { return new VolumeRmGrammar(); }
    @Override public Permission permission() { return Permission.DESTRUCTIVE; }
    @Override public boolean confirmByDefault() { return true; }
    @Override public VolumeRm probe() { return new VolumeRm(false, List.of("probe")); }
    @Override public String target(VolumeRm r) { return String.join(" ", r.volumes()); }
    @Override public void describe(VolumeRm r, Words w) { w.flag(r.force(), "-f").addAll(r.volumes()); }

    @Override
    public String consequence(VolumeRm r, String target) {
      return "This will remove volume " + target + " and every file in it.";
    }

    @Override
    public NetworkRm.Names execute(VolumeRm r, Execution x) {
      return new NetworkRm.Names(EngineFilters.eachOf(r.volumes(), "removed", v -> {
        VolumeLs.checkScope("volume rm", v, x);
        x.engine().removeVolume(v, r.force());
      }));
    }
  };

  @Command(name = "volume rm", description = "Remove volumes (admin).", customSynopsis = "volume rm [-f] VOLUME...")
  static final class VolumeRmGrammar extends Grammar<VolumeRm> {
    @Option(names = {"-f", "--force"}, description = "Remove even if the engine would refuse (docker's -f).")
    boolean force;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "VOLUME", description = "Volume names.")
    List<String> volumes = new ArrayList<>();

    @Override
    public VolumeRm toRequest(ArgumentReader in) {
      return new VolumeRm(force, volumes.stream().map(v -> in.reference("VOLUME", v)).toList());
    }
  }
}
