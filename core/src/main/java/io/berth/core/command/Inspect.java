package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.language.SecretMasking;
import io.berth.core.render.DockerFormat;
import io.berth.core.render.GoTemplate;
import io.berth.core.render.JsonText;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.Failure;
import io.berth.core.result.Inspected;
import io.berth.core.result.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect [--type container|image] [-s] [-f FORMAT] NAME...}: the engine's own JSON documents,
 * one array for all targets, like docker; a name is a container first, then an image (unless
 * {@code --type} says which). Containers are scope-checked; environment values are masked unless
 * the caller's role may {@code exec} ({@link Execution#revealEnv}). {@code -s} asks the engine for
 * a container's sizes (SizeRw, SizeRootFs); an image's document always has its size.
 */
public record Inspect(List<String> targets, String type, String format, List<String> given, boolean size)
    implements DockerRequest {
  public Inspect {
    targets = List.copyOf(targets);
    given = Targets.given(given, targets);
    if (targets.isEmpty()) throw new IllegalArgumentException("inspect needs a NAME");
    if (type != null && !type.equals("container") && !type.equals("image")) {
      throw new IllegalArgumentException("unsupported --type \"" + type + "\" (Berth inspects: container, image)");
    }
  }

  public Inspect(List<String> targets, String type, String format, List<String> given) {
    this(targets, type, format, given, false);
  }

  public Inspect(String container) {
    this(List.of(container), null, null, null);
  }

  /** The single container the console's page asks for. */
  public String container() {
    return targets.get(0);
  }

  /** Which targets are containers to resolve and scope-check: every name a container could have, unless --type image. */
  List<Integer> containerPositions() {
    List<Integer> out = new ArrayList<>();
    if ("image".equals(type)) return out;
    for (int i = 0; i < targets.size(); i++) {
      // CONTEXT/ID (the console's container page in another context) too; only with an id, because REPO/NAME is
      // also an image reference (inspect berth-test/busybox must stay an image, as docker's)
      String t = targets.get(i);
      if (ContextTarget.contextOf(t) != null && ContextTarget.nameOf(t).matches("[0-9a-f]+")) t = ContextTarget.nameOf(t);
      if (Targets.isMissing(t) || ContainerName.isReference(t) || t.matches("[0-9a-f]{64}")) out.add(i);
    }
    return out;
  }

  public static final CommandSpec<Inspect> SPEC = new CommandSpec<>() {
    @Override public Class<Inspect> type() { return Inspect.class; }
    @Override public Grammar<Inspect> grammar() { return new InspectGrammar(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Inspect probe() { return new Inspect("probe"); }
    @Override public boolean eachTarget() { return true; }

    @Override
    public List<String> containers(Inspect r) {
      return r.containerPositions().stream().map(r.targets()::get).toList();
    }

    @Override
    public Inspect pin(Inspect r, List<String> ids) {
      List<String> pinned = new ArrayList<>(r.targets());
      List<Integer> at = r.containerPositions();
      for (int k = 0; k < at.size(); k++) pinned.set(at.get(k), ids.get(k));
      return new Inspect(pinned, r.type(), r.format(), r.given(), r.size());
    }

    @Override
    public String target(Inspect r) {
      return String.join(" ", r.given());
    }

    @Override
    public void describe(Inspect r, Words w) {
      w.optional("--type", r.type()).flag(r.size(), "-s").optional("-f", r.format()).addAll(r.targets());
    }

    @Override
    public Result execute(Inspect r, Execution x) {
      List<Integer> containerAt = r.containerPositions();
      List<Object> docs = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (int i = 0; i < r.targets().size(); i++) {
        String t = r.targets().get(i);
        String given = r.given().get(i);
        boolean resolved = containerAt.contains(i) && !Targets.isMissing(t);
        try {
          if (resolved) {
            docs.add(masked(document(x, "container", t, r.size()), x.revealEnv()));
          } else if ("container".equals(r.type())) {
            errors.add("Error: No such container: " + given);
          } else {
            docs.add(masked(document(x, "image", given, false), x.revealEnv()));
          }
        } catch (EngineException e) {
          if (e.kind() != Failure.NOT_FOUND) throw e;
          errors.add("Error: No such " + ("image".equals(r.type()) ? "image" : "object") + ": " + given);
        }
      }
      if (r.format() == null && docs.size() == 1 && errors.isEmpty() && r.targets().size() == 1 && containerAt.contains(0)) {
        // one container: its typed details too (the console's page reads them), printed as the document
        ContainerDetails d = x.engine().inspect(r.targets().get(0));
        List<String> env = x.revealEnv() ? d.env() : d.env().stream().map(SecretMasking::maskAssignment).toList();
        return new ContainerDetails(d.summary(), d.imageId(), d.command(), env, d.mounts(), d.restartPolicy(), d.exitCode(),
            d.startedAt(), d.finishedAt(), d.health(), d.restartCount(), d.oomKilled(), d.networks()).withDocument(docs.get(0));
      }
      if (docs.contains(null)) throw new EngineException(Failure.INVALID, "this engine has no JSON inspect documents");
      if (r.format() == null) return new Inspected(JsonText.indented(docs, "    ") + "\n", errors);
      GoTemplate t = DockerFormat.compile(r.format());
      StringBuilder out = new StringBuilder();
      for (Object doc : docs) {
        try {
          out.append(t.execute(doc, true)).append('\n');
        } catch (GoTemplate.TemplateException e) {
          throw new EngineException(Failure.INVALID, "template parsing error: " + e.getMessage());
        }
      }
      return new Inspected(out.toString(), errors);
    }
  };

  /** The engine's document as plain values; null when the engine has none (test doubles). */
  private static Object document(Execution x, String kind, String ref, boolean size) {
    String json = x.engine().inspectDocument(kind, ref, size);
    return json == null ? null : JsonText.parse(json);
  }

  /** Environment values ({@code Config.Env}, an image's {@code ContainerConfig.Env}) masked unless revealed. */
  @SuppressWarnings("unchecked")
  static Object masked(Object doc, boolean reveal) {
    if (reveal || !(doc instanceof Map<?, ?> m)) return doc;
    for (String section : List.of("Config", "ContainerConfig")) {
      if (m.get(section) instanceof Map<?, ?> config && config.get("Env") instanceof List<?> env) {
        ((Map<String, Object>) config).put("Env", env.stream()
            .map(e -> e instanceof String s ? SecretMasking.maskAssignment(s) : e).toList());
      }
    }
    return doc;
  }

  @Command(name = "inspect", description = "Low-level information on containers and images, as JSON.",
      customSynopsis = "inspect [--type container|image] [-s] [-f FORMAT] NAME...")
  static final class InspectGrammar extends Grammar<Inspect> {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Go template, e.g. '{{.State.Status}}', '{{json .Config.Env}}'.")
    String format;

    @Option(names = {"-s", "--size"}, description = "A container's sizes too: SizeRw (its writable layer) and SizeRootFs (with its image).")
    boolean size;

    @Option(names = "--type", paramLabel = "TYPE", description = "container or image (default: a container, else an image).")
    String type;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "NAME", description = "Container names or ids, image references or ids.")
    List<String> targets = new ArrayList<>();

    @Override
    public Inspect toRequest(ArgumentReader in) {
      if (type != null && !type.equals("container") && !type.equals("image")) {
        throw in.error("unsupported --type \"" + type + "\" (Berth inspects: container, image)");
      }
      List<String> names = new ArrayList<>();
      for (String t : targets) {
        if (!ContainerName.isReference(t) && !ImageRef.isValid(t)) {
          throw in.error("bad NAME \"" + t + "\"; name a container (name or id) or an image (reference or id)");
        }
        names.add(t);
      }
      return new Inspect(names, type, Ps.Formats.parsed(in, format), null, size);
    }
  }
}
