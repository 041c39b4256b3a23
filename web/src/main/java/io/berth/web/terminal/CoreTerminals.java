package io.berth.web.terminal;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditedCommand;
import io.berth.core.audit.Recordings;
import io.berth.core.command.AuditQuery;
import io.berth.core.model.Caller;
import io.berth.core.result.AuditPage;
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.TerminalOpening;
import io.berth.core.service.TerminalRequest;
import io.berth.core.service.TerminalSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The console's terminals on the core: {@link CommandService#openTerminal} (authorized, confirmed,
 * audited and recorded like {@code exec -it}) and its confirmed second step; a recording is found
 * through an audit query as the caller (so the audit's own visibility rules decide who may replay
 * what) and read from {@code audit.recordings} by the name its closing record holds.
 */
public final class CoreTerminals implements TerminalGateway {
  private final CommandService commands;
  private final Recordings recordings;

  public CoreTerminals(CommandService commands, Recordings recordings) {
    this.commands = commands;
    this.recordings = recordings;
  }

  @Override
  public Opening open(Caller caller, Request r, String confirmation, Consumer<byte[]> output) {
    TerminalOpening o = confirmation == null
        ? commands.openTerminal(caller, new TerminalRequest(r.container(), r.command(), r.user(), r.cols(), r.rows()),
            output::accept)
        : commands.confirmTerminal(caller, confirmation, r.cols(), r.rows(), output::accept);
    return o.opened() ? new Opening.Opened(new Open(o.session())) : new Opening.Refused(o.outcome());
  }

  @Override
  public Optional<Recording> recording(Caller caller, String sessionId) {
    AuditFilter f = AuditFilter.ALL.onlyRequests(Set.of(sessionId));
    Outcome o = commands.execute(caller, new AuditQuery(f, 10), null, ProgressListener.IGNORE);
    if (!(o instanceof Outcome.Succeeded s && s.result() instanceof AuditPage page)) return Optional.empty();
    for (AuditedCommand c : page.commands()) {
      if (!c.requestId().equals(sessionId)) continue;
      for (AuditRecord r : c.steps()) {
        Optional<Recordings.Named> named = Recordings.named(r.entry().message());
        if (named.isPresent()) return read(named.get());
      }
    }
    return Optional.empty();
  }

  private Optional<Recording> read(Recordings.Named named) {
    String problem = recordings.problem(named); // also refuses a name that leaves the directory
    Path file = recordings.dir().resolve(named.file()).normalize();
    if (!file.getParent().equals(recordings.dir()) || !Files.isRegularFile(file)) return Optional.empty();
    try {
      return Optional.of(new Recording(Files.readString(file, StandardCharsets.UTF_8), problem));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recording " + file, e);
    }
  }

  /** The core's session under the console's name for it. */
  private record Open(TerminalSession s) implements Session {
    @Override
    public void write(byte[] input) {
      s.write(input);
    }

    @Override
    public void resize(int cols, int rows) {
      s.resize(cols, rows);
    }

    @Override
    public CompletableFuture<Integer> exit() {
      return s.exit();
    }

    @Override
    public String id() {
      return s.id();
    }

    @Override
    public void close() {
      s.close();
    }
  }
}
