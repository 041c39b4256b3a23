package io.berth.core.command;

import io.berth.core.engine.EngineException;
import io.berth.core.language.ArgumentReader;
import io.berth.core.language.Grammar;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cp CONTAINER:SRC DEST}: copying out of a container is a read of its files (viewer; scope
 * applies to the container). DEST is the caller's own path or {@code -} (a tar stream on stdout),
 * which only the CLI has ({@link LocalFiles}); from chat and the console {@code cp CONTAINER:FILE -}
 * shows one text file, up to the output cap. Copying into a container ({@code cp SRC CONTAINER:DEST})
 * parses with the same grammar into {@link CpInto}, a change (operator).
 *
 * <p>The container path goes to the Engine API as a query parameter; no shell sees it.
 */
public record Cp(String container, String path, String local) implements DockerRequest {
  public Cp {
    container = container(container);
    path = containerPath(path);
    if (local == null || local.isEmpty()) throw new IllegalArgumentException("cp needs a DEST (a local path, or - for a tar stream)");
  }

  /** docker prints nothing when a copy succeeds; chat's {@code cp C:FILE -} shows the file's text. */
  public record Copied(String text) implements Result {
    @Override
    public String text(PlainTextRenderer r) {
      return text;
    }
  }

  public static final CommandSpec<Cp> SPEC = new CommandSpec<>() {
    @Override public Class<Cp> type() { return Cp.class; }
    @Override public Grammar<Cp> grammar() { return CpGrammar.forCommand(); }
    @Override public Permission permission() { return Permission.READ; }
    @Override public Cp probe() { return new Cp("probe", "/probe", "-"); }
    @Override public List<String> containers(Cp r) { return List.of(r.container()); }
    @Override public Cp pin(Cp r, List<String> ids) { return new Cp(ids.get(0), r.path(), r.local()); }
    @Override public void describe(Cp r, Words w) { w.add(r.container() + ":" + r.path()).add(r.local()); }

    @Override
    public Copied execute(Cp r, Execution x) {
      if (x.local().isEmpty()) return showText(r, x);
      LocalFiles local = x.local().get();
      try (InputStream tar = from(r, x)) {
        if (r.local().equals("-")) {
          tar.transferTo(local.stdout());
          local.stdout().flush();
        } else {
          local.extract(tar, r.local(), r.path().endsWith("/."));
        }
      } catch (IOException e) {
        throw new EngineException(Failure.INTERNAL, "cp: copying " + r.path() + " stopped: " + e.getMessage());
      }
      return new Copied("");
    }
  };

  /** The container's archive of {@code path}; a failure names the container as docker does (its name, not the pinned id). */
  private static InputStream from(Cp r, Execution x) {
    try {
      return x.engine().copyFrom(r.container(), r.path());
    } catch (EngineException e) {
      throw new EngineException(e.kind(), e.getMessage().replace(r.container(), x.nameOf(r.container())));
    }
  }

  /** No local files (chat, console): one regular text file to the screen, nothing else. */
  private static Copied showText(Cp r, Execution x) {
    if (!r.local().equals("-")) {
      throw new EngineException(Failure.INVALID, "cp: there are no local files here to copy to; use \"cp "
          + "CONTAINER:FILE -\" to show a text file, or ./berth docker cp on the host for files and directories");
    }
    int cap = x.limits().maxOutputBytes();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(from(r, x))) {
      TarArchiveEntry e = tar.getNextEntry();
      if (e == null || !e.isFile()) {
        throw new EngineException(Failure.INVALID, "cp: " + r.path() + " is not a regular file; here cp shows one text "
            + "file (./berth docker cp on the host copies directories)");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      tar.transferTo(new CappedStream(out, cap));
      byte[] bytes = out.toByteArray();
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes, 0, utf8Boundary(bytes))).toString();
      } catch (CharacterCodingException ex) {
        text = null;
      }
      if (text == null || text.indexOf('\0') >= 0) {
        throw new EngineException(Failure.INVALID, "cp: " + r.path() + " is not text (" + e.getSize()
            + " bytes); copy it with ./berth docker cp on the host");
      }
      if (e.getSize() > cap) {
        text = text + (text.endsWith("\n") ? "" : "\n") + "[berth] output cut at " + cap + " of " + e.getSize() + " bytes\n";
      }
      return new Copied(text);
    } catch (IOException ex) {
      throw new EngineException(Failure.INTERNAL, "cp: reading " + r.path() + " stopped: " + ex.getMessage());
    }
  }

  /** Where a cut at the byte cap left a partial UTF-8 sequence, it ends before it. */
  private static int utf8Boundary(byte[] b) {
    int end = b.length;
    int i = end - 1;
    while (i >= 0 && i > end - 4 && (b[i] & 0xC0) == 0x80) i--;
    if (i < 0) return end;
    int lead = b[i] & 0xFF;
    int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return end - i < need ? i : end;
  }

  /** Keeps the first {@code cap} bytes and drops the rest (without reading more than the tar entry holds). */
  private static final class CappedStream extends java.io.OutputStream {
    private final ByteArrayOutputStream out;
    private final int cap;

    CappedStream(ByteArrayOutputStream out, int cap) {
      this.out = out;
      this.cap = cap;
    }

    @Override
    public void write(int b) {
      if (out.size() < cap) out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.write(b, off, Math.max(0, Math.min(len, cap - out.size())));
    }
  }

  static String container(String c) {
    if (!ContainerName.isReference(c)) {
      throw new IllegalArgumentException("bad CONTAINER \"" + c + "\"; a container name or id has only letters, digits, _ . - "
          + "(starting with a letter or digit)");
    }
    return c;
  }

  /** A path inside the container: any file name, but no control characters (they only ever mean an attack or a typo). */
  static String containerPath(String p) {
    if (p == null || p.isEmpty()) throw new IllegalArgumentException("cp: the path in the container is empty; write CONTAINER:/path");
    if (p.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw new IllegalArgumentException("cp: the path in the container holds control characters");
    }
    return p;
  }

  /**
   * docker's {@code cp} argument rule: {@code NAME:PATH} names a container unless the word is an
   * absolute path or starts with a dot ({@code ./a:b} is a local file). Returns {container, path}, container null for local.
   */
  static String[] split(String arg) {
    if (arg.startsWith("/")) return new String[] {null, arg};
    int colon = arg.indexOf(':');
    if (colon < 0 || arg.startsWith(".")) return new String[] {null, arg};
    return new String[] {arg.substring(0, colon), arg.substring(colon + 1)};
  }

  /**
   * docker's cp grammar, for both directions: whichever side names a container decides the request
   * ({@link Cp} out of it, {@link CpInto} into it), so the permission class follows the direction.
   */
  @Command(name = "cp", description = "Copy files out of a container (into one: operator).",
      customSynopsis = "cp CONTAINER:SRC DEST|-   or   cp SRC|- CONTAINER:DEST")
  static class CpGrammar extends Grammar<DockerRequest> {
    @Parameters(index = "0", paramLabel = "SRC", description = "CONTAINER:PATH, a local path, or - (a tar stream on stdin).")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "CONTAINER:PATH, a local path, or - (a tar stream on stdout).")
    String destination;

    /** The grammar typed as the command's own: the parser only asks it for a {@link DockerRequest}. */
    @SuppressWarnings("unchecked")
    static <R extends DockerRequest> Grammar<R> forCommand() {
      return (Grammar<R>) (Grammar<?>) new CpGrammar();
    }

    @Override
    public DockerRequest toRequest(ArgumentReader in) {
      String[] from = split(source);
      String[] to = split(destination);
      if (from[0] != null && to[0] != null) throw in.error("copying between containers is not supported");
      if (from[0] == null && to[0] == null) {
        throw in.error("must specify at least one container source (write CONTAINER:PATH on one side)");
      }
      if (from[0] != null) return new Cp(in.reference("CONTAINER", from[0]), from[1], to[1]);
      return new CpInto(from[1], in.reference("CONTAINER", to[0]), to[1]);
    }
  }
}
