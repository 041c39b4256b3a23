package io.berth.bot.slack;

import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import io.berth.core.result.Progress;
import io.berth.core.result.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real docker CLI (ProcessBuilder, no shell): what a person next to Berth would type. */
final class DockerCli {
  /** Output of one docker CLI invocation. */
  record Cli(int exit, String out, String err) {}

  private DockerCli() {}

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

  /** Wraps an engine so every pull first reports a burst of layer progress, as a large image would. */
  static ContainerEngine withChattyPulls(ContainerEngine real, int events) {
    return (ContainerEngine) java.lang.reflect.Proxy.newProxyInstance(ContainerEngine.class.getClassLoader(),
        new Class<?>[] {ContainerEngine.class}, (proxy, method, args) -> {
          if (method.getName().equals("pull")) {
            ProgressListener l = (ProgressListener) args[1];
            for (int i = 1; i <= events; i++) {
              l.on(new Progress.Layer("layer" + (i % 4), "Downloading", (long) i, (long) events));
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

}
