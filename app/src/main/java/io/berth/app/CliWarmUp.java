package io.berth.app;

import io.berth.bot.ChatPlatforms;
import io.berth.core.config.ConfigLoader;
import java.util.Map;

/**
 * A {@code ./berth docker COMMAND} call that will run a command (not help) needs Logback and the configuration's
 * classes (SnakeYAML, the settings records) right after picocli has parsed it, and initialising them takes as long
 * as that parse (docs/benchmarks.md, "CLI start-up"). This starts that initialisation on another thread at once, so
 * the main thread finds it done or under way. It only initialises classes: it reads no file (the configuration it
 * parses is the empty one) and touches neither the engine nor the audit store; a wrong guess (a parse error) only
 * spends CPU on an otherwise idle core, and the JVM does not wait for it (daemon thread).
 */
final class CliWarmUp {
  private CliWarmUp() {}

  /** Starts warming when {@code args} look like a docker command that will be wired ({@code docker ps -a}). */
  static void startFor(String... args) {
    if (!worthIt(args)) return;
    Thread t = new Thread(CliWarmUp::warm, "berth-warm-up");
    t.setDaemon(true);
    t.start();
  }

  static boolean worthIt(String... args) {
    if (args.length < 2 || !args[0].equals("docker")) return false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--config")) { i++; continue; }
      if (a.startsWith("--config=") || a.equals("-y") || a.equals("--yes")) continue;
      // the first other word is the command: help is answered before anything is wired
      return !(a.equals("help") || a.equals("--help") || a.equals("-h"));
    }
    return false;
  }

  private static void warm() {
    try {
      org.slf4j.LoggerFactory.getILoggerFactory();
      ConfigLoader.parse("{}", Map.of(), ChatPlatforms.SETTINGS);
    } catch (RuntimeException | LinkageError e) {
      // the main thread does the same work and reports what fails
    }
  }
}
