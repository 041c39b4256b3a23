package io.berth.core.command;

import io.berth.core.language.ArgumentReader;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags {@code service ps} and {@code stack ps} share, as docker's do (a picocli mixin): {@code -q},
 * {@code --no-trunc} and {@code --filter}. {@code --format} stays with each command, whose help says it differently.
 */
final class TaskListOptions {
  /** The task filters docker's {@code service ps} and {@code stack ps} accept. */
  static final List<String> FILTERS = List.of("desired-state", "node", "id", "name");

  @Option(names = {"-q", "--quiet"}, description = "Only task ids.")
  boolean quiet;

  @Option(names = "--no-trunc", description = "Full ids, images and errors.")
  boolean noTrunc;

  @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "desired-state=, node=, id= or name=; repeatable.")
  List<String> filters = new ArrayList<>();

  /** The filters in canonical form, each key one of {@link #FILTERS}. */
  List<String> filters(ArgumentReader in) {
    return EngineFilters.read(in, filters, FILTERS);
  }

  /** The flags as the command line names them, before the command's operands. */
  static void describe(Words w, boolean quiet, boolean noTrunc, String format, List<String> filters) {
    w.flag(quiet, "-q").flag(noTrunc, "--no-trunc").optional("--format", format);
    for (String f : filters) w.option("--filter", f);
  }
}
