package io.berth.core.command;

import io.berth.core.language.Grammar;
import io.berth.core.result.Result;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command catalog: every command's {@link CommandSpec}, in help order, and every list of
 * command names derived from it (roles, help, chat options, console controls, audit actions).
 * The registration itself is {@link DockerRequest.Registry#SPECS}.
 */
public final class Catalog {
  private static final List<CommandSpec<?>> SPECS = List.copyOf(DockerRequest.Registry.SPECS);
  private static final Map<Class<?>, CommandSpec<?>> BY_TYPE = SPECS.stream()
      .collect(Collectors.toUnmodifiableMap(CommandSpec::type, s -> s));
  private static final Map<String, CommandSpec<?>> BY_NAME = byName();

  private Catalog() {}

  private static Map<String, CommandSpec<?>> byName() {
    Map<String, CommandSpec<?>> m = new LinkedHashMap<>();
    for (CommandSpec<?> s : SPECS) {
      if (m.put(nameOf(s), s) != null) throw new IllegalStateException("two commands named " + nameOf(s));
    }
    return Collections.unmodifiableMap(m);
  }

  /** Every spec, in help order. */
  public static List<CommandSpec<?>> specs() {
    return SPECS;
  }

  /** Every command name, in help order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** Names of the commands whose permission class is at most {@code p} (a built-in role's commands). */
  public static List<String> namesUpTo(Permission p) {
    return SPECS.stream().filter(s -> s.permission().compareTo(p) <= 0).map(Catalog::nameOf).toList();
  }

  /** Names of the commands that ask for confirmation in the default configuration. */
  public static List<String> confirmedByDefault() {
    return SPECS.stream().filter(CommandSpec::confirmByDefault).map(Catalog::nameOf).toList();
  }

  /** Names of the commands whose audit target is the container(s) they name (space-separated when several). */
  public static List<String> containerCommands() {
    return SPECS.stream().filter(s -> !bind(s.probe()).containers().isEmpty()).map(Catalog::nameOf).toList();
  }

  public static Optional<CommandSpec<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static String nameOf(CommandSpec<?> spec) {
    return Grammar.nameOf(spec.grammar().getClass());
  }

  /** The command's one-line description (help overview, chat command pickers). */
  public static String descriptionOf(CommandSpec<?> spec) {
    return Grammar.descriptionOf(spec.grammar().getClass());
  }

  /** The spec of a request's type; every sealed request type has one (a test checks). */
  public static CommandSpec<?> specOf(DockerRequest request) {
    CommandSpec<?> s = BY_TYPE.get(request.getClass());
    if (s == null) throw new IllegalStateException(request.getClass().getName() + " is not in DockerRequest.Registry");
    return s;
  }

  /** The request with its spec, so callers use the spec without casts. */
  public static Bound<?> bind(DockerRequest request) {
    return bind(specOf(request), request);
  }

  private static <R extends DockerRequest> Bound<R> bind(CommandSpec<R> spec, DockerRequest request) {
    return new Bound<>(spec, spec.type().cast(request));
  }

  /** A request together with its spec. */
  public record Bound<R extends DockerRequest>(CommandSpec<R> spec, R request) {
    public String name() {
      return nameOf(spec);
    }

    public Permission permission() {
      return spec.permission();
    }

    public List<String> containers() {
      return spec.containers(request);
    }

    public String target() {
      return spec.target(request);
    }

    public List<String> images() {
      return spec.images(request);
    }

    public List<String> reaches() {
      return spec.reaches(request);
    }

    public DockerRequest reach(Reach scope) throws Reach.Refused {
      return spec.reach(request, scope);
    }

    public DockerRequest pin(List<String> ids) {
      return spec.pin(request, ids);
    }

    public Result execute(Execution x) {
      return spec.execute(request, x);
    }

    public boolean runsOnEngine() {
      return spec.runsOnEngine();
    }

    public boolean progressIsOutput() {
      return spec.progressIsOutput(request);
    }

    public boolean followsOnTerminal() {
      return spec.followsOnTerminal(request);
    }

    public String consequence(String target) {
      return spec.consequence(request, target);
    }

    /** Canonical text: the name, then the spec's words, each quoted so it parses back the same. */
    public String describe() {
      Words w = new Words();
      spec.describe(request, w);
      return w.text(name());
    }
  }
}
