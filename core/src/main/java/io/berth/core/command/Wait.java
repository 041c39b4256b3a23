package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code wait CONTAINER...}: blocks until each container stops and prints its exit code. It only
 * waits, so it is a read (viewer). docker waits forever; Berth holds a connection and a chat thread
 * meanwhile, so all the waits together are bounded by {@code engine.runTimeout} (2 minutes by
 * default): past it, the command fails naming what is still running.
 */
public record Wait(List<String> containers) implements DockerRequest {
  public Wait {
    containers = List.copyOf(containers);
    if (containers.isEmpty()) throw new IllegalArgumentException("wait needs a CONTAINER");
  }

  /** One exit code per line, in the order the containers were named. */
  public record ExitCodes(List<Integer> codes) implements Result {
    public ExitCodes {
      codes = List.copyOf(codes);
    }

    @Override
    public String text(PlainTextRenderer r) {
      StringBuilder sb = new StringBuilder();
      codes.forEach(c -> sb.append(c).append('\n'));
      return sb.toString();
    }
  }

  public static final CommandSpec<Wait> SPEC = new CommandSpec<>() {
    @Override public Class<Wait> type() { return Wait.class; }
    @Override public Grammar<Wait> grammar() { return new WaitGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Wait probe() { return new Wait(List.of("probe")); }
    @Override public List<String> containers(Wait r) { return r.containers(); }
    @Override public Wait pin(Wait r, List<String> ids) { return new Wait(ids); }
    @Override public void describe(Wait r, Words w) { w.addAll(r.containers()); }

    @Override
    public ExitCodes execute(Wait r, Execution x) {
      Instant deadline = Instant.now().plus(x.limits().runTimeout());
      List<Integer> codes = new ArrayList<>();
      for (String id : r.containers()) {
        Duration left = Duration.between(Instant.now(), deadline);
        try {
          if (left.isNegative() || left.isZero()) throw new EngineException(Failure.TIMEOUT, "no time left");
          codes.add(x.engine().waitForExit(id, left));
        } catch (EngineException e) {
          if (e.kind() != Failure.TIMEOUT) throw e;
          throw new EngineException(Failure.TIMEOUT, "wait: " + x.nameOf(id) + " did not stop within "
              + x.limits().runTimeout().toSeconds() + "s (engine.runTimeout); it is still running"
              + (codes.isEmpty() ? "" : " (exit codes so far: " + codes + ")"));
        }
      }
      return new ExitCodes(codes);
    }
  };

  @Command(name = "wait", description = "Block until containers stop, then print their exit codes.",
      customSynopsis = "wait CONTAINER...")
  static final class WaitGrammar extends Grammar<Wait> {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "CONTAINER", description = "Container names or ids.")
    List<String> containers = new ArrayList<>();

    @Override
    public Wait toRequest(ArgumentReader in) {
      return new Wait(containers.stream().map(c -> in.reference("CONTAINER", c)).toList());
    }
  }
}
