package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.config.ConfigLoader;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.Outcome;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** run's process, resource, health and file flags: parsing, canonical text, env/label files under policy.run.fileRoots. */
class RunFlagsTest {
  final PicocliCommandLanguage language = new PicocliCommandLanguage();
  static final Caller ADA = new Caller(Source.CLI, "ada", "ada", Location.NOWHERE);

  @Test
  void parsesEveryNewFlagIntoTheRequest() {
    Run r = (Run) language.parse("run -d -w /app -u 1000:1000 --entrypoint '' -m 1.5g --memory-swap 2g --cpus 0.5 "
        + "--health-cmd 'wget -q localhost' --health-interval 1m30s --health-timeout 500ms --health-start-period 10s "
        + "--health-retries 3 --env-file env.list --label-file labels img:1");
    assertThat(r.settings()).isEqualTo(new Run.Settings("/app", "1000:1000", "", 1610612736L, 2147483648L, 500_000_000L,
        new Run.Health("wget -q localhost", Duration.ofSeconds(90), Duration.ofMillis(500), Duration.ofSeconds(10), 3, false),
        List.of("env.list"), List.of("labels")));
    assertThat(((Run) language.parse("run --no-healthcheck img")).settings().health())
        .isEqualTo(new Run.Health(null, null, null, null, null, true));
    assertThat(((Run) language.parse("run img")).settings()).isEqualTo(Run.Settings.NONE);
  }

  @Test
  void describeWritesTextThatParsesBackToTheSameRequest() {
    String text = "run -d -w /app -u 1000 --entrypoint '' --memory 536870912 --memory-swap -1 --cpus 1.5 "
        + "--health-cmd 'curl -f x' --health-interval 1m30s --health-retries 2 --env-file a.env --label-file l img:1";
    Run r = (Run) language.parse(text);
    assertThat(language.describe(r)).isEqualTo(text);
    assertThat(language.parse(language.describe(r))).isEqualTo(r);
    Run off = (Run) language.parse("run --no-healthcheck img");
    assertThat(language.describe(off)).isEqualTo("run --no-healthcheck img");
  }

  @Test
  void interactiveAndTtyFlagsParseAndWriteBackAsDockersDo() {
    Run it = (Run) language.parse("run -it --rm img sh");
    assertThat(it.settings().interactive()).isTrue();
    assertThat(it.settings().tty()).isTrue();
    assertThat(language.describe(it)).isEqualTo("run --rm -it img sh");
    assertThat(language.parse(language.describe(it))).isEqualTo(it);
    Run dit = (Run) language.parse("run -dit img sh");
    assertThat(dit.detach()).isTrue();
    assertThat(dit.settings().session()).isTrue();
    assertThat(((Run) language.parse("run -t img")).settings().interactive()).isFalse();
  }

  @Test
  void anAttachedRunIOrItFromChatIsRefusedSayingWhereStdinWorksBeforeAnythingIsCreatedButRunDitStarts(@TempDir Path tmp) {
    RecordingContainerEngine engine = new RecordingContainerEngine();
    CommandService service = service(tmp, new InMemoryAuditTrail(), engine);
    Outcome chat = service.submit(ADA, "run -it img sh", p -> {});
    assertThat(chat).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) chat).message()).contains("run -i needs a stdin, which chat and the console do not have")
        .contains("pipe into ./berth docker run -i").contains("./berth docker run -it on a terminal").contains("-d");
    Outcome piped = service.submit(ADA, "run -i --rm img cat", p -> {});
    assertThat(piped).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.message())
        .contains("run -i needs a stdin, which chat and the console do not have"));
    assertThat(engine.created()).isEmpty();
    Outcome detached = service.submit(ADA, "run -dit img sh", p -> {});
    assertThat(detached).as("%s", detached).isInstanceOf(Outcome.Succeeded.class);
    assertThat(engine.created().get(0).settings().tty()).isTrue();
  }


  @CsvSource(delimiter = '|', textBlock = """
      run -w app img                          | absolute path
      run -u 'a b' img                        | bad user
      run -m lots img                         | --memory: invalid size
      run --memory-swap 1g img                | needs --memory
      run -m 1g --memory-swap 512m img        | less than --memory
      run --cpus 0 img                        | more than 0
      run --cpus 1.0000000001 img             | too precise
      run --health-interval 30 img            | --health-interval: "30" is not a duration
      run --health-retries -1 img             | 0 or more
      run --no-healthcheck --health-retries 1 img | conflicts
      run --health-cmd '' img                 | needs a command
      """)
  void badValuesAreRefusedNamingTheFix(String text, String message) {
    assertThatThrownBy(() -> language.parse(text)).isInstanceOf(CommandSyntaxException.class).hasMessageContaining(message);
  }

  CommandService service(Path root, InMemoryAuditTrail audit, RecordingContainerEngine engine) {
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin, cli: [ada] } }, run: { fileRoots: [\"" + root + "\"] } }", Map.of()).policy());
    CoreLimits d = CoreLimits.DEFAULTS;
    CoreLimits limits = new CoreLimits(d.runTimeout(), d.execTimeout(), d.maxOutputBytes(), d.maxLogLines(), d.buildRoots(),
        d.confirmationTtl(), List.of(root));
    return new CommandService(language, policy, audit, engine, limits, Clock.systemUTC());
  }

  @Test
  void envAndLabelFilesUnderTheRootReachTheEngineFlagsWinAndValuesStayOutOfTheAudit(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("files"));
    Files.writeString(root.resolve("app.env"), "# db\nDB_PASSWORD=s3cr3t-from-file\nMODE=file\n");
    Files.writeString(root.resolve("labels"), "team=pay\nflag\n");
    RecordingContainerEngine engine = new RecordingContainerEngine();
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    Outcome o = service(root, audit, engine).submit(ADA,
        "run -d --env-file app.env -e MODE=flag --label-file " + root.resolve("labels") + " -l team=ops img:1", p -> {});
    assertThat(o).as("%s", o).isInstanceOf(Outcome.Succeeded.class);
    Run created = engine.created().get(0);
    assertThat(created.env()).containsExactly(new Run.EnvVar("DB_PASSWORD", "s3cr3t-from-file"),
        new Run.EnvVar("MODE", "file"), new Run.EnvVar("MODE", "flag"));
    assertThat(created.labels()).containsEntry("team", "ops").containsEntry("flag", "");
    assertThat(created.settings().envFiles()).isEmpty();
    assertThat(audit.entries()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("s3cr3t-from-file"))
        .anySatisfy(e -> assertThat(e.commandText()).contains("--env-file app.env"));
  }

  @Test
  void filesOutsideTheRootsThroughDotsOrLinksAndBareKeysAreRefused(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("files"));
    Path outside = Files.writeString(tmp.resolve("outside.env"), "LEAK=s3cr3t-outside\n");
    Files.createSymbolicLink(root.resolve("link.env"), outside);
    Files.writeString(root.resolve("bare.env"), "A=1\nHOME\n");
    Files.createDirectories(root.resolve("dir.env"));
    for (String file : List.of(outside.toString(), "../outside.env", "link.env", "missing.env", "dir.env", "bare.env")) {
      RecordingContainerEngine engine = new RecordingContainerEngine();
      InMemoryAuditTrail audit = new InMemoryAuditTrail();
      Outcome o = service(root, audit, engine).submit(ADA, "run -d --env-file " + file + " img:1", p -> {});
      assertThat(o).as(file).isInstanceOf(Outcome.Failed.class);
      String message = ((Outcome.Failed) o).message();
      assertThat(message).as(file).contains(file.equals("bare.env") ? "HOME=VALUE" : "policy.run.fileRoots")
          .doesNotContain("s3cr3t");
      assertThat(engine.created()).isEmpty();
    }
  }
}
