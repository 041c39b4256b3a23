package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code system df [--format FMT]}: disk used by images, containers, local volumes and the build cache. It
 * counts every container on the engine, so a caller whose scope holds only some may not run it (the
 * totals would tell them about the others). {@code -v} (one row per object) is not offered.
 */
public record SystemDf(String format) implements DockerRequest {

  /** One row of docker's table; {@code percent} adds docker's "(NN%)" after RECLAIMABLE. */
  public record Row(String type, int total, int active, long size, long reclaimable, boolean percent) {}

  /** The four rows, printed through {@code format} (null: docker's table). */
  public record Usage(List<Row> rows, String format) implements Result {
    public Usage {
      rows = List.copyOf(rows);
    }

    public Usage(List<Row> rows) {
      this(rows, null);
    }

    @Override
    public String text(PlainTextRenderer r) {
      return Listings.diskUsage(rows, format);
    }
  }

  public static final CommandSpec<SystemDf> SPEC = new CommandSpec<>() {
    @Override public Class<SystemDf> type() { return SystemDf.class; }
    @Override public Grammar<SystemDf> grammar() { return new SystemDfGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public SystemDf probe() { return new SystemDf(null); }
    @Override public void describe(SystemDf r, Words w) { w.optional("--format", r.format()); }

    @Override
    public Usage execute(SystemDf r, Execution x) {
      if (!x.unrestricted()) {
        throw new EngineException(Failure.INVALID, "system df counts every container on the engine, and your scope "
            + "holds only some; use ps -a for yours");
      }
      return Ps.Formats.checked(new Usage(x.engine().diskUsage().rows(), r.format()));
    }
  };

  @Command(name = "system df", description = "Show docker disk usage.", customSynopsis = "system df [--format FORMAT]")
  static final class SystemDfGrammar extends Grammar<SystemDf> {
    @Option(names = "--format", paramLabel = "FORMAT",
        description = "Go template: {{.Type}} {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}; 'table …' adds "
            + "headers; 'json' one object per line.")
    String format;

    @Override
    public SystemDf toRequest(ArgumentReader in) {
      return new SystemDf(Ps.Formats.parsed(in, format));
    }
  }
}
