package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.adapter.local.LocalTarFiles;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp both ways through the Engine API's archive endpoints, on a real container. */
class CpIT {
  static final Caller OTTO = new Caller(Source.CLI, "otto", "otto", Location.NOWHERE);
  static final Caller SAM = new Caller(Source.CLI, "sam", "sam", Location.NOWHERE);
  static final Caller CHAT = new Caller(Source.SLACK, "U_V", "vera", Location.channel("T1", "C1"));
  static TestEngine env;
  static CommandService core;
  static String box;
  @TempDir Path home;

  @BeforeAll
  static void aContainerWithAHostileTree() {
    env = new TestEngine("cp-it");
    box = env.name("box");
    // /evil holds a link to the host's /etc, as a compromised container could
    env.startOutsideBerth(box, "sh", "-c", "mkdir -p /evil /data && echo hi > /evil/f && ln -s /etc /evil/abs "
        + "&& echo web-1 > /data/hostname && sleep 300");
    core = new CommandService(new PicocliCommandLanguage(), new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { otto: { role: operator, cli: [otto] }, vera: { role: viewer, slack: [U_V] }, "
            + "sam: { role: operator, cli: [sam], scope: { names: [\"nothing-*\"] } } } }", Map.of()).policy()),
        new InMemoryAuditTrail(), env.engine(), CoreLimits.DEFAULTS, Clock.systemUTC());
    io.berth.core.testing.Wait.until(() -> env.docker().inspectContainerCmd(box).exec().getState().getRunning()
        && exists("/data/hostname"), java.time.Duration.ofSeconds(20));
  }

  static boolean exists(String path) {
    return env.engine().statPath(box, path).isPresent();
  }

  @AfterAll
  static void cleanUp() {
    env.close();
  }

  Outcome cp(Caller who, String text, LocalTarFiles local) {
    return core.execute(who, core.language().parse(text), null, p -> { }, local);
  }

  LocalTarFiles local(InputStream stdin, ByteArrayOutputStream stdout) {
    return new LocalTarFiles(home, stdin, stdout);
  }

  @Test
  void aFileAndADirectoryGoInAndComeBackOut() throws Exception {
    Files.writeString(home.resolve("hello.txt"), "hello from the host\n");
    Files.createDirectories(home.resolve("tree/sub"));
    Files.writeString(home.resolve("tree/sub/f"), "deep\n");
    LocalTarFiles local = local(InputStream.nullInputStream(), new ByteArrayOutputStream());

    assertThat(cp(OTTO, "cp hello.txt " + box + ":/data/", local)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(cp(OTTO, "cp tree " + box + ":/data/copied", local)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(cp(OTTO, "cp " + box + ":/data/hello.txt back.txt", local)).isInstanceOf(Outcome.Succeeded.class);
    assertThat(cp(OTTO, "cp " + box + ":/data/copied out", local)).isInstanceOf(Outcome.Succeeded.class);

    assertThat(home.resolve("back.txt")).hasContent("hello from the host");
    assertThat(home.resolve("out/sub/f")).hasContent("deep");
  }

  @Test
  void dashIsATarStreamOnStdoutAndStdin() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    assertThat(cp(OTTO, "cp " + box + ":/data/hostname -", local(InputStream.nullInputStream(), stdout)))
        .isInstanceOf(Outcome.Succeeded.class);
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(stdout.toByteArray()))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) names.add(e.getName());
    }
    assertThat(names).containsExactly("hostname");

    // the same stream back in, under another directory
    Files.createDirectories(home.resolve("x"));
    assertThat(cp(OTTO, "cp - " + box + ":/evil", local(new ByteArrayInputStream(stdout.toByteArray()), null)))
        .isInstanceOf(Outcome.Succeeded.class);
    assertThat(exists("/evil/hostname")).isTrue();
    assertThat(cp(OTTO, "cp - " + box + ":/data/hostname", local(InputStream.nullInputStream(), null)))
        .isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message()).contains("must be a directory"));
  }

  @Test
  void chatSeesATextFileAndCannotWriteAnywhere() {
    Outcome o = core.submit(CHAT, "cp " + box + ":/data/hostname -", p -> { });
    assertThat(new PlainTextRenderer().render(o)).isEqualTo("web-1\n");
    assertThat(core.submit(CHAT, "cp " + box + ":/evil /tmp/evil", p -> { })).isInstanceOf(Outcome.Failed.class);
  }

  @Test
  void aLinkOutOfTheContainersTreeIsRefusedAndNothingLandsOutsideDest() throws Exception {
    Outcome o = cp(OTTO, "cp " + box + ":/evil dest", local(InputStream.nullInputStream(), new ByteArrayOutputStream()));
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("cp: refusing archive entry \"evil/abs\": it is a link to /etc"));
    try (var all = Files.walk(home)) {
      assertThat(all.filter(p -> !p.equals(home) && !p.startsWith(home.resolve("dest")))).isEmpty();
    }
  }

  @Test
  void aContainerOutsideTheScopeReadsAsNotFound() {
    Outcome o = cp(SAM, "cp " + box + ":/data/hostname -", local(InputStream.nullInputStream(), new ByteArrayOutputStream()));
    assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).isEqualTo("No such container: " + box));
  }
}
