package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code system df}: disk used by images, containers, local volumes and the build cache. It counts
 * every container on the engine, so a caller whose scope holds only some may not run it (the
 * totals would tell them about the others). {@code -v} (one row per object) is not offered.
 */
public record SystemDf() implements DockerRequest {

  /** One row of docker's table; {@code percent} adds docker's "(NN%)" after RECLAIMABLE. */
  public record Row(String type, int total, int active, long size, long reclaimable, boolean percent) {
    String reclaimableText() {
      String s = PlainTextRenderer.size(reclaimable);
      return percent && size > 0 ? s + " (" + (reclaimable * 100 / size) + "%)" : s;
    }
  }

  public record Usage(List<Row> rows) implements Result {
    public Usage {
      rows = List.copyOf(rows);
    }

    @Override
    public String text(PlainTextRenderer r) {
      return PlainTextRenderer.table(List.of("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"), rows.stream()
          .map(row -> List.of(row.type(), Integer.toString(row.total()), Integer.toString(row.active()),
              PlainTextRenderer.size(row.size()), row.reclaimableText()))
          .toList());
    }
  }

  public static final CommandSpec<SystemDf> SPEC = new CommandSpec<>() {
    @Override public Class<SystemDf> type() { return SystemDf.class; }
    @Override public Grammar<SystemDf> grammar() { return new SystemDfGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public SystemDf probe() { return new SystemDf(); }
    @Override public void describe(SystemDf r, Words w) { }

    @Override
    public Usage execute(SystemDf r, Execution x) {
      if (!x.unrestricted()) {
        throw new EngineException(Failure.INVALID, "system df counts every container on the engine, and your scope "
            + "holds only some; use ps -a for yours");
      }
      return x.engine().diskUsage();
    }
  };

  @Command(name = "system df", description = "Show docker disk usage.", customSynopsis = "system df")
  static final class SystemDfGrammar extends Grammar<SystemDf> {
    @Override
    public SystemDf toRequest(ArgumentReader in) {
      return new SystemDf();
    }
  }
}
