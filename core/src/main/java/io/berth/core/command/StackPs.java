package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.Listings;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stack ps [-q] [--no-trunc] [--format FMT] [--filter …] STACK}: the tasks of the stack's services in scope. */
public record StackPs(String stack, boolean quiet, boolean noTrunc, List<String> filters, String format) implements DockerRequest {
  public StackPs {
    Swarm.name("stack", stack);
    filters = List.copyOf(filters);
  }

  public static final CommandSpec<StackPs> SPEC = new CommandSpec<>() {
    @Override public Class<StackPs> type() { return StackPs.class; }
    @Override public Grammar<StackPs> grammar() { return new StackPsGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public StackPs probe() { return new StackPs("probe", false, false, List.of(), null); }
    @Override public String target(StackPs r) { return r.stack(); }

    @Override
    public void describe(StackPs r, Words w) {
      TaskListOptions.describe(w, r.quiet(), r.noTrunc(), r.format(), r.filters());
      w.add(r.stack());
    }

    @Override
    public io.berth.core.result.SwarmListing execute(StackPs r, Execution x) {
      return ServicePs.tasks(x, StackServices.of(x, r.stack()), r.filters(),
          new Listings.View(r.quiet(), r.noTrunc(), r.format()));
    }
  };

  @Command(name = "stack ps", description = "List the tasks of a stack.",
      customSynopsis = "stack ps [-q] [--no-trunc] [--format FORMAT] [--filter KEY=VALUE]... STACK")
  static final class StackPsGrammar extends Grammar<StackPs> {
    @Mixin
    TaskListOptions options = new TaskListOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "Go template, as for service ps.")
    String format;

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name.")
    String stack;

    @Override
    public StackPs toRequest(ArgumentReader in) {
      return new StackPs(in.reference("STACK", stack), options.quiet, options.noTrunc, options.filters(in),
          Ps.Formats.parsed(in, format));
    }
  }
}
