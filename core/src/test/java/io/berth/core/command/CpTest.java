package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.adapter.local.LocalTarFiles;
import io.berth.core.audit.AuditEntry;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp: docker's argument rule, a read out of a container and a change into one, and what chat may do without local files. */
class CpTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  final PicocliCommandLanguage language = new PicocliCommandLanguage(clock);
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "db", "running", Map.of("team", "ops"));
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CommandService service = new CommandService(language, new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          vera: { role: viewer, slack: [U_V], cli: [vera] }
          otto: { role: operator, slack: [U_O], cli: [otto] }
          pam:  { role: operator, slack: [U_P], scope: { labels: { team: pay } } }
      """, Map.of()).policy()), audit, engine,
      new CoreLimits(Duration.ofMinutes(1), Duration.ofMinutes(1), 16, 100, List.of(), Duration.ofMinutes(5)), clock);
  @TempDir Path home;

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  static byte[] oneFile(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(content.length);
      t.putArchiveEntry(e);
      t.write(content);
      t.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  Outcome chat(String user, String text) {
    return service.submit(slack(user), text, ProgressListener.IGNORE);
  }

  @Test
  void parsesDockersArgumentRule() {
    assertThat(language.parse("cp web:/etc/hosts /tmp/x")).isEqualTo(new Cp("web", "/etc/hosts", "/tmp/x"));
    assertThat(language.parse("cp web:etc -")).isEqualTo(new Cp("web", "etc", "-"));
    assertThat(language.parse("cp ./a:b web:/x")).isEqualTo(new CpInto("./a:b", "web", "/x"));
    assertThat(language.parse("cp /abs:path web:/x")).isEqualTo(new CpInto("/abs:path", "web", "/x"));
    assertThat(language.parse("cp - web:/x")).isEqualTo(new CpInto("-", "web", "/x"));
    assertThatThrownBy(() -> language.parse("cp a b")).hasMessageContaining("must specify at least one container source");
    assertThatThrownBy(() -> language.parse("cp a:/x b:/y")).hasMessageContaining("copying between containers is not supported");
    assertThatThrownBy(() -> language.parse("cp 'we/b:/x' y")).hasMessageContaining("bad CONTAINER");
    assertThatThrownBy(() -> language.parse("cp \"web:/x\u001by\" -")).hasMessageContaining("control characters");
    assertThatThrownBy(() -> language.parse("cp web: -")).hasMessageContaining("the path in the container is empty");
    for (DockerRequest r : List.<DockerRequest>of(new Cp("web", "/a b", "-"), new CpInto("./x:y", "web", "/d"))) {
      assertThat(language.parse(language.describe(r))).isEqualTo(r);
    }
  }

  @Test
  void copyingOutIsAReadAndCopyingInIsAChange() {
    assertThat(chat("U_V", "cp web:/etc/hostname -")).isInstanceOf(Outcome.Failed.class); // allowed, the fake has no file
    assertThat(chat("U_V", "cp ./f web:/tmp")).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("may not run cp-into; that needs role operator"));
    assertThat(audit.entries()).extracting(AuditEntry::action).contains("cp", "cp-into");
  }

  @Test
  void chatShowsOneSmallTextFileAndNothingElse() throws IOException {
    engine.withArchive("aaa111", "/etc/hostname", oneFile("hostname", "web-1\n".getBytes(StandardCharsets.UTF_8)));
    engine.withArchive("aaa111", "/big", oneFile("big", "0123456789abcdefghij\n".getBytes(StandardCharsets.UTF_8)));
    engine.withArchive("aaa111", "/bin/busybox", oneFile("busybox", new byte[] {0x7f, 'E', 'L', 'F', 0, 1}));
    PlainTextRenderer r = new PlainTextRenderer(clock);
    assertThat(r.render(chat("U_V", "cp web:/etc/hostname -"))).isEqualTo("web-1\n");
    assertThat(r.render(chat("U_V", "cp web:/big -"))).isEqualTo("0123456789abcdef\n[berth] output cut at 16 of 21 bytes\n");
    assertThat(chat("U_V", "cp web:/bin/busybox -")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("is not text"));
    assertThat(chat("U_V", "cp web:/etc/hostname /tmp/x")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("there are no local files here"));
    assertThat(chat("U_O", "cp - web:/tmp")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("copying into a container needs files of your own"));
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("copyTo"));
  }

  @Test
  void theContainerMustBeInScope() {
    assertThat(chat("U_P", "cp db:/etc/shadow -")).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.NOT_FOUND);
      assertThat(f.message()).isEqualTo("No such container: db");
    });
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("copyFrom"));
  }

  @Test
  void theCliWritesTheContainersTarToStdoutOrUnpacksItIntoItsOwnFiles() throws IOException {
    byte[] tar = oneFile("hostname", "web-1\n".getBytes(StandardCharsets.UTF_8));
    engine.withArchive("aaa111", "/etc/hostname", tar);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    LocalTarFiles local = new LocalTarFiles(home, InputStream.nullInputStream(), stdout);
    Caller cli = new Caller(Source.CLI, "vera", "vera", Location.NOWHERE);
    Outcome o = service.execute(cli, language.parse("cp web:/etc/hostname -"), null, ProgressListener.IGNORE, local);
    assertThat(o).isInstanceOf(Outcome.Succeeded.class);
    assertThat(stdout.toByteArray()).isEqualTo(tar);
    service.execute(cli, language.parse("cp web:/etc/hostname copy"), null, ProgressListener.IGNORE, local);
    assertThat(home.resolve("copy")).hasContent("web-1");
    assertThat(engine.calls()).contains("copyFrom aaa111 /etc/hostname");
  }
}
