package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code volume inspect [-f FORMAT] VOLUME...}: the engine's documents as docker prints them; a volume outside the caller's scope is refused. */
public record VolumeInspect(List<String> volumes, String format) implements DockerRequest {
  public VolumeInspect {
    volumes = List.copyOf(volumes);
    if (volumes.isEmpty()) throw new IllegalArgumentException("volume inspect needs a VOLUME");
  }

  public VolumeInspect(List<String> volumes) {
    this(volumes, null);
  }

  public static final CommandSpec<VolumeInspect> SPEC = new CommandSpec<>() {
    @Override public Class<VolumeInspect> type() { return VolumeInspect.class; }
    @Override public Grammar<VolumeInspect> grammar() { return new VolumeInspectGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public VolumeInspect probe() { return new VolumeInspect(List.of("probe")); }
    @Override public String target(VolumeInspect r) { return String.join(" ", r.volumes()); }
    @Override public void describe(VolumeInspect r, Words w) { w.optional("-f", r.format()).addAll(r.volumes()); }

    @Override
    public NetworkInspect.Documents execute(VolumeInspect r, Execution x) {
      return NetworkInspect.Documents.of(r.volumes(), r.format(), v -> {
        VolumeLs.checkScope("volume inspect", v, x);
        return x.engine().inspectVolume(v);
      });
    }
  };

  @Command(name = "volume inspect", description = "Show volumes as JSON.", customSynopsis = "volume inspect [-f FORMAT] VOLUME...")
  static final class VolumeInspectGrammar extends Grammar<VolumeInspect> {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Go template, e.g. '{{.Name}} {{.Driver}}'.")
    String format;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "VOLUME", description = "Volume names.")
    List<String> volumes = new ArrayList<>();

    @Override
    public VolumeInspect toRequest(ArgumentReader in) {
      return new VolumeInspect(volumes.stream().map(v -> in.reference("VOLUME", v)).toList(), Ps.Formats.parsed(in, format));
    }
  }
}
