package io.berth.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This process's terminal (its stdin), switched to raw mode for an interactive session as docker's CLI does: every
 * key, Ctrl-C and Ctrl-D included, goes to the container, and the terminal is put back as it was afterwards. The
 * settings are read and written by {@code stty} on our own stdin (ProcessBuilder, no shell in between).
 */
final class RawTerminal implements AutoCloseable {
  private final String saved;
  private boolean restored;

  private RawTerminal(String saved) {
    this.saved = saved;
  }

  /** True when stdin is a terminal (what docker checks before {@code -t}). */
  static boolean stdinIsTerminal() {
    try {
      return stty(List.of("-g")).exit == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Raw mode, no echo; {@link #close} restores what was there (also on a JVM shutdown: SIGTERM, SIGHUP). */
  static RawTerminal enter() throws IOException {
    Result g = stty(List.of("-g"));
    if (g.exit != 0) throw new IOException("stty -g: " + g.out);
    RawTerminal t = new RawTerminal(g.out.strip());
    Result raw = stty(List.of("raw", "-echo"));
    if (raw.exit != 0) throw new IOException("stty raw: " + raw.out);
    Runtime.getRuntime().addShutdownHook(new Thread(t::close, "berth-restore-tty"));
    return t;
  }

  /** Columns and rows now ({@code stty size}); 80x24 when it cannot tell. */
  static int[] size() {
    try {
      Result r = stty(List.of("size"));
      String[] rowsCols = r.out.strip().split("\\s+");
      if (r.exit == 0 && rowsCols.length == 2) {
        int rows = Integer.parseInt(rowsCols[0]);
        int cols = Integer.parseInt(rowsCols[1]);
        if (rows > 0 && cols > 0) return new int[] {cols, rows};
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return new int[] {80, 24};
  }

  @Override
  public synchronized void close() {
    if (restored) return;
    restored = true;
    try {
      stty(List.of(saved));
    } catch (IOException e) {
      System.err.println("berth: could not restore the terminal (run `stty sane`): " + e.getMessage());
    }
  }

  private record Result(int exit, String out) {}

  private static Result stty(List<String> args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("stty");
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "stty did not answer");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
    return new Result(p.exitValue(), out);
  }
}
