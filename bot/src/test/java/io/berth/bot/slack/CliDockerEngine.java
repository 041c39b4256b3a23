package io.berth.bot.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.core.command.Ps;
import io.berth.core.command.Run;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.model.Subscription;
import io.berth.core.result.BuildOutput;
import io.berth.core.result.ContainerDetails;
import io.berth.core.result.ContainerEvent;
import io.berth.core.result.ContainerSummary;
import io.berth.core.result.ExecOutput;
import io.berth.core.result.Failure;
import io.berth.core.result.ImageSummary;
import io.berth.core.result.LogLine;
import io.berth.core.result.ProgressListener;
import io.berth.core.result.StatsSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Test-only engine over the real docker CLI (ProcessBuilder, no shell), so the Slack tests run
 * against the real daemon until {@code DockerJavaEngine} lands on main. Every container it creates
 * carries {@code berth.test=true}.
 */
final class CliDockerEngine implements ContainerEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Output of one docker CLI invocation. */
  record Cli(int exit, String out, String err) {}

  static Cli docker(List<String> args, Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add("docker");
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).start();
      var out = p.getInputStream();
      var err = p.getErrorStream();
      var errText = new java.util.concurrent.CompletableFuture<String>();
      Thread t = new Thread(() -> {
        try {
          errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          errText.complete("");
        }
      });
      t.start();
      String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new EngineException(Failure.TIMEOUT, "docker " + args.get(0) + " timed out");
      }
      t.join();
      return new Cli(p.exitValue(), outText, errText.join());
    } catch (IOException e) {
      throw new EngineException(Failure.ENGINE_UNREACHABLE, "docker CLI: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(Failure.INTERNAL, "interrupted");
    }
  }

  static String ok(List<String> args) {
    Cli r = docker(args, Duration.ofMinutes(2));
    if (r.exit() != 0) {
      String err = r.err().strip();
      Failure kind = err.contains("No such") ? Failure.NOT_FOUND : err.contains("Conflict") || err.contains("cannot remove") ? Failure.CONFLICT : Failure.INVALID;
      throw new EngineException(kind, err);
    }
    return r.out();
  }

  @Override
  public String endpoint() {
    return "local";
  }

  @Override
  public String ping() {
    return ok(List.of("version", "--format", "{{.Server.Version}}")).strip();
  }

  @Override
  public List<ContainerSummary> listContainers(boolean all, List<Ps.Filter> filters) {
    List<String> args = new ArrayList<>(List.of("ps", "-q", "--no-trunc"));
    if (all) args.add("-a");
    for (Ps.Filter f : filters) args.addAll(List.of("--filter", f.key() + "=" + f.value()));
    List<ContainerSummary> out = new ArrayList<>();
    for (String id : ok(args).split("\\s+")) {
      if (id.isBlank()) continue;
      try {
        out.add(resolveContainer(id));
      } catch (EngineException e) {
        // removed between list and inspect
      }
    }
    return out;
  }

  @Override
  public ContainerSummary resolveContainer(String ref) {
    Cli r = docker(List.of("inspect", "--type", "container", ref), Duration.ofSeconds(30));
    if (r.exit() != 0) throw new EngineException(Failure.NOT_FOUND, "No such container: " + ref);
    try {
      JsonNode c = JSON.readTree(r.out()).get(0);
      Map<String, String> labels = new HashMap<>();
      c.path("Config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      String state = c.path("State").path("Status").asText();
      return new ContainerSummary(c.path("Id").asText(), c.path("Name").asText().replaceFirst("^/", ""),
          c.path("Config").path("Image").asText(), state, state, List.of(),
          Instant.parse(c.path("Created").asText()), labels);
    } catch (IOException e) {
      throw new EngineException(Failure.INTERNAL, e.getMessage());
    }
  }

  @Override
  public boolean imageExists(String image) {
    return docker(List.of("image", "inspect", image), Duration.ofSeconds(30)).exit() == 0;
  }

  @Override
  public String pull(String image, ProgressListener progress) {
    try {
      Process p = new ProcessBuilder("docker", "pull", image).redirectErrorStream(true).start();
      String last = "";
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          progress.on(new io.berth.core.result.Progress.Line(line));
          if (!line.isBlank()) last = line;
        }
      }
      if (p.waitFor() != 0) throw new EngineException(Failure.NOT_FOUND, last);
      return last;
    } catch (IOException e) {
      throw new EngineException(Failure.ENGINE_UNREACHABLE, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(Failure.INTERNAL, "interrupted");
    }
  }

  /** Wraps an engine so every pull first reports a burst of layer progress, as a large image would. */
  static ContainerEngine withChattyPulls(ContainerEngine real, int events) {
    return (ContainerEngine) java.lang.reflect.Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(),
        new Class<?>[] {ContainerEngine.class}, (proxy, method, args) -> {
          if (method.getName().equals("pull")) {
            ProgressListener l = (ProgressListener) args[1];
            for (int i = 1; i <= events; i++) {
              l.on(new io.berth.core.result.Progress.Layer("layer" + (i % 4), "Downloading", (long) i, (long) events));
              Thread.sleep(25);
            }
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public String create(Run run) {
    List<String> args = new ArrayList<>(List.of("create", "--label", "berth.test=true"));
    if (run.name() != null) args.addAll(List.of("--name", run.name()));
    run.labels().forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
    run.env().forEach(e -> args.addAll(List.of("-e", e.key() + "=" + e.value())));
    args.add(run.image());
    args.addAll(run.command());
    return ok(args).strip();
  }

  @Override
  public void start(String containerId) {
    ok(List.of("start", containerId));
  }

  @Override
  public boolean stop(String containerId, Integer timeoutSeconds) {
    ok(List.of("stop", "-t", String.valueOf(timeoutSeconds == null ? 10 : timeoutSeconds), containerId));
    return true;
  }

  @Override
  public void restart(String containerId, Integer timeoutSeconds) {
    ok(List.of("restart", "-t", String.valueOf(timeoutSeconds == null ? 10 : timeoutSeconds), containerId));
  }

  @Override
  public void remove(String containerId, boolean force, boolean volumes) {
    List<String> args = new ArrayList<>(List.of("rm"));
    if (force) args.add("-f");
    if (volumes) args.add("-v");
    args.add(containerId);
    ok(args);
  }

  @Override
  public int waitForExit(String containerId, Duration timeout) {
    Cli r = docker(List.of("wait", containerId), timeout);
    if (r.exit() != 0) throw new EngineException(Failure.NOT_FOUND, r.err().strip());
    return Integer.parseInt(r.out().strip());
  }

  @Override
  public List<LogLine> logs(String containerId, Integer tail, Instant since, boolean timestamps, int maxLines) {
    int n = tail == null ? maxLines : Math.min(tail, maxLines);
    Cli r = docker(List.of("logs", "--tail", String.valueOf(n), containerId), Duration.ofSeconds(60));
    if (r.exit() != 0) throw new EngineException(Failure.NOT_FOUND, r.err().strip());
    List<LogLine> lines = new ArrayList<>();
    for (String l : r.out().split("\n")) if (!l.isEmpty()) lines.add(new LogLine(null, LogLine.Stream.STDOUT, l));
    return lines;
  }

  @Override
  public Subscription followLogs(String containerId, Integer tail, boolean timestamps, Consumer<LogLine> sink) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ExecOutput exec(String containerId, List<String> command, Map<String, String> env, String workdir,
      Duration timeout, int maxOutputBytes) {
    List<String> args = new ArrayList<>(List.of("exec", containerId));
    args.addAll(command);
    Cli r = docker(args, timeout);
    return new ExecOutput(containerId, r.exit(), r.out(), r.err(), false);
  }

  @Override
  public BuildOutput build(String tag, Path context, boolean isTarball, ProgressListener progress) {
    throw new EngineException(Failure.INVALID, "the test engine does not build");
  }

  @Override
  public ContainerDetails inspect(String containerId) {
    throw new EngineException(Failure.INVALID, "the test engine does not inspect");
  }

  @Override
  public List<ImageSummary> images(boolean all) {
    return List.of();
  }

  @Override
  public StatsSnapshot stats(String containerId) {
    throw new EngineException(Failure.INVALID, "the test engine has no stats");
  }

  @Override
  public List<String> removeImage(String image, boolean force) {
    throw new EngineException(Failure.INVALID, "the test engine does not remove images");
  }

  @Override
  public Subscription events(Consumer<ContainerEvent> sink) {
    try {
      Process p = new ProcessBuilder("docker", "events", "--filter", "type=container", "--format", "{{json .}}")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            JsonNode e = JSON.readTree(line);
            JsonNode attrs = e.path("Actor").path("Attributes");
            Map<String, String> a = new HashMap<>();
            attrs.fields().forEachRemaining(f -> a.put(f.getKey(), f.getValue().asText()));
            Integer exit = a.containsKey("exitCode") ? Integer.valueOf(a.get("exitCode")) : null;
            sink.accept(new ContainerEvent(Instant.ofEpochSecond(e.path("time").asLong()), e.path("Actor").path("ID").asText(),
                a.getOrDefault("name", ""), e.path("Action").asText(), exit, a));
          }
        } catch (IOException ignored) {
          // stream closed
        }
      }, "cli-docker-events");
      reader.setDaemon(true);
      reader.start();
      return p::destroy;
    } catch (IOException e) {
      throw new EngineException(Failure.ENGINE_UNREACHABLE, e.getMessage(), e);
    }
  }
}
