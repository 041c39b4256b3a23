package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.AuditQuery;
import io.berth.core.command.Build;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.Help;
import io.berth.core.command.Images;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Pull;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Rmi;
import io.berth.core.command.Run;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;
import io.berth.core.model.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PicocliCommandLanguageTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  final PicocliCommandLanguage language = new PicocliCommandLanguage(Clock.fixed(NOW, ZoneOffset.UTC));

  static Run run(String image, String name, boolean detach, List<Run.PortBinding> ports, List<Run.EnvVar> env,
      Map<String, String> labels, List<Run.VolumeMount> volumes, String restart, boolean rm, List<String> cmd,
      Run.HostAccess host) {
    return new Run(image, name, detach, ports, env, labels, volumes, restart, rm, cmd, host);
  }

  static Run.HostAccess host(boolean privileged, String net, String pid, String ipc, List<String> caps, List<String> devs) {
    return new Run.HostAccess(privileged, net, pid, ipc, caps, devs);
  }

  static Stream<Arguments> validForms() {
    Run.PortBinding p8080 = new Run.PortBinding(null, 8080, 80, "tcp");
    Run.HostAccess none = Run.HostAccess.NONE;
    return Stream.of(
        // ps / images
        Arguments.of("ps", new Ps(false, List.of())),
        Arguments.of("docker ps -a", new Ps(true, List.of())),
        Arguments.of("ps --all --filter status=exited -f label=team=pay",
            new Ps(true, List.of(new Ps.Filter("status", "exited"), new Ps.Filter("label", "team=pay")))),
        Arguments.of("ps --filter=name=web", new Ps(false, List.of(new Ps.Filter("name", "web")))),
        Arguments.of("PS -a", new Ps(true, List.of())),
        Arguments.of("images", new Images(false)),
        Arguments.of("images -a", new Images(true)),
        // docker images REPOSITORY[:TAG] (case g01): one more reference filter
        Arguments.of("images -q web:1", new Images(false, true, false, null, java.util.Map.of("reference", List.of("web:1")))),
        // run: the example, flags after IMAGE belong to the container
        Arguments.of("run -d --name web -p 8080:80 -e A=1 localhost:5000/web:1 httpd -f -p 80",
            run("localhost:5000/web:1", "web", true, List.of(p8080), List.of(new Run.EnvVar("A", "1")), Map.of(),
                List.of(), "no", false, List.of("httpd", "-f", "-p", "80"), none)),
        Arguments.of("run --name=web --publish=127.0.0.1:8080:80/udp -p 9000 img",
            run("img", "web", false, List.of(new Run.PortBinding("127.0.0.1", 8080, 80, "udp"),
                new Run.PortBinding(null, null, 9000, "tcp")), List.of(), Map.of(), List.of(), "no", false, List.of(), none)),
        Arguments.of("run -dp 8080:80 img", run("img", null, true, List.of(p8080), List.of(), Map.of(), List.of(), "no",
            false, List.of(), none)),
        Arguments.of("run -e A=1 -e B=2 --env C=x=y --env=D= -eE=5 img",
            run("img", null, false, List.of(), List.of(new Run.EnvVar("A", "1"), new Run.EnvVar("B", "2"),
                new Run.EnvVar("C", "x=y"), new Run.EnvVar("D", ""), new Run.EnvVar("E", "5")), Map.of(), List.of(), "no",
                false, List.of(), none)),
        Arguments.of("run -e \"GREETING=hello world\" -e 'Q=it''s' img",
            run("img", null, false, List.of(), List.of(new Run.EnvVar("GREETING", "hello world"), new Run.EnvVar("Q", "its")),
                Map.of(), List.of(), "no", false, List.of(), none)),
        Arguments.of("run -l team=pay --label tier -v data:/var/lib/data:ro --restart unless-stopped img",
            run("img", null, false, List.of(), List.of(), Map.of("team", "pay", "tier", ""),
                List.of(new Run.VolumeMount("data", "/var/lib/data", true)), "unless-stopped", false, List.of(), none)),
        Arguments.of("run --rm img sh -c 'echo \"hi there\" && exit 3'",
            run("img", null, false, List.of(), List.of(), Map.of(), List.of(), "no", true,
                List.of("sh", "-c", "echo \"hi there\" && exit 3"), none)),
        Arguments.of("run -- img --version", run("img", null, false, List.of(), List.of(), Map.of(), List.of(), "no", false,
            List.of("--version"), none)),
        Arguments.of("run img -- sh -c 'exit 1'", run("img", null, false, List.of(), List.of(), Map.of(), List.of(), "no",
            false, List.of("sh", "-c", "exit 1"), none)),
        Arguments.of("run img --rm", run("img", null, false, List.of(), List.of(), Map.of(), List.of(), "no", false,
            List.of("--rm"), none)),
        Arguments.of("run --name aa --name bb img", run("img", "bb", false, List.of(), List.of(), Map.of(), List.of(), "no",
            false, List.of(), none)),
        Arguments.of("run --privileged --network host --pid=host --ipc host --cap-add NET_ADMIN --cap-add SYS_TIME --device /dev/fuse img",
            run("img", null, false, List.of(), List.of(), Map.of(), List.of(), "no", false, List.of(),
                host(true, "host", "host", "host", List.of("NET_ADMIN", "SYS_TIME"), List.of("/dev/fuse")))),
        Arguments.of("run --net=bridge img", run("img", null, false, List.of(), List.of(), Map.of(), List.of(), "no", false,
            List.of(), host(false, "bridge", null, null, List.of(), List.of()))),
        // container commands
        Arguments.of("start web", new Start("web")),
        Arguments.of("stop web", new Stop("web", null)),
        Arguments.of("stop -t 5 web", new Stop("web", 5)),
        Arguments.of("stop --time=0 web", new Stop("web", 0)),
        Arguments.of("restart --timeout 3 web", new Restart("web", 3)),
        Arguments.of("rm web", new Rm("web", false, false)),
        Arguments.of("rm -fv web", new Rm("web", true, true)),
        Arguments.of("rm web --force", new Rm("web", true, false)),
        Arguments.of("inspect web", new Inspect("web")),
        Arguments.of("stats --no-stream web", new Stats("web")),
        Arguments.of("logs web", new Logs("web", null, null, false)),
        Arguments.of("logs --tail 50 -t web", new Logs("web", 50, null, true)),
        Arguments.of("logs -n=0 web", new Logs("web", 0, null, false)),
        Arguments.of("logs --tail all web", new Logs("web", null, null, false)),
        Arguments.of("logs --since 10m web", new Logs("web", null, NOW.minus(Duration.ofMinutes(10)), false)),
        Arguments.of("logs --since 1h30m web", new Logs("web", null, NOW.minus(Duration.ofMinutes(90)), false)),
        Arguments.of("logs --since 45s web", new Logs("web", null, NOW.minusSeconds(45), false)),
        Arguments.of("logs --since 2026-11-28T10:00:00Z web", new Logs("web", null, Instant.parse("2026-11-28T10:00:00Z"), false)),
        Arguments.of("logs --since 2026-11-28T10:00:00+02:00 web", new Logs("web", null, Instant.parse("2026-11-28T08:00:00Z"), false)),
        Arguments.of("exec web ls -la /", new Exec("web", List.of("ls", "-la", "/"), List.of(), null)),
        Arguments.of("exec -e K=V -w /tmp web sh -c \"echo $K\"",
            new Exec("web", List.of("sh", "-c", "echo $K"), List.of(new Run.EnvVar("K", "V")), "/tmp")),
        Arguments.of("exec web -- ls -l", new Exec("web", List.of("ls", "-l"), List.of(), null)),
        Arguments.of("exec -- web ls", new Exec("web", List.of("ls"), List.of(), null)),
        // images
        Arguments.of("pull localhost:5000/hello-world:latest", new Pull("localhost:5000/hello-world:latest")),
        Arguments.of("rmi -f hello:1", new Rmi("hello:1", true)),
        Arguments.of("build -t app:1 ./app", new Build("app:1", new Build.Directory("./app"))),
        Arguments.of("build ./app --tag=app:2", new Build("app:2", new Build.Directory("./app"))),
        // help and audit
        Arguments.of("help", new Help(null)),
        Arguments.of("help RUN", new Help("run")),
        Arguments.of("rm --help", new Help("rm")),
        Arguments.of("audit", new AuditQuery(AuditFilter.ALL, 20)),
        Arguments.of("audit --user alice --source slack --action rm --target web --outcome denied --since 1h --limit 5 deploy now",
            new AuditQuery(new AuditFilter("alice", Source.SLACK, "rm", "web", AuditOutcome.DENIED, NOW.minusSeconds(3600),
                null, "deploy now", null), 5)));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validForms")
  void validFormsParseToTheirRequest(String text, DockerRequest expected) {
    assertThat(language.parse(text)).isEqualTo(expected);
  }

  @Test
  void restartPolicyOnFailureWithCountIsKept() {
    Run r = (Run) language.parse("run --restart=on-failure:3 img");
    assertThat(r.restartPolicy()).isEqualTo("on-failure:3");
    assertThat(r.autoRemove()).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                   | empty command
      '   '                                | empty command
      docker                               | empty command
      rn web                               | unknown command "rn"; did you mean "run" or "rm"?
      dokcer ps                            | unknown command "dokcer"
      stat web                             | did you mean "stats" or "start"?
      run --nmae web img                   | run: unknown flag --nmae; did you mean --name?
      run --detatch img                    | did you mean --detach?
      ps --al                              | ps: unknown flag --al; did you mean --all?
      ps -x                                | ps: unknown flag -x; known flags: -a/--all, -q/--quiet
      rm -fx web                           | rm: unknown flag -x
      images --foo=1                       | images: unknown flag --foo
      run                                  | run: missing IMAGE
      run -d                               | run: missing IMAGE
      rm                                   | rm: missing CONTAINER (usage: rm [-f] [-v] CONTAINER...)
      logs                                 | logs: missing CONTAINER
      exec web                             | exec: missing COMMAND
      exec web --                          | exec: missing COMMAND after --
      build -f                             | build: --file needs a value (DOCKERFILE)
      build -t app:1                       | build: missing CONTEXT
      pull                                 | pull: missing IMAGE
      run --name                           | run: --name needs a value (NAME)
      stop -t                              | stop: --timeout needs a value (SECONDS)
      logs a b                             | logs: unexpected extra argument "b"; logs takes only CONTAINER
      images web extra                     | images: unexpected extra argument "extra"
      pull a b                            | pull: unexpected extra argument "b"
      run -p abc img                       | run: bad port mapping "abc"; use [HOST_IP:]HOST_PORT:CONTAINER_PORT
      run -p 80:99999 img                  | run: port out of range in -p 80:99999
      run -p 8080:80/xyz img               | run: bad protocol "xyz" in -p 8080:80/xyz; use tcp, udp or sctp
      run -e FOO img                       | run: -e FOO has no value; write -e FOO=VALUE
      run -e =x img                        | run: bad variable name "" in -e
      exec -e NOPE web ls                  | exec: -e NOPE has no value
      run -v /data img                     | run: bad volume "/data"
      run -v data:rel img                  | run: volume target "rel" in -v data:rel must be an absolute path
      run -v data:/x:rx img                | run: bad volume mode "rx"
      run --restart sometimes img          | run: bad restart policy "sometimes"; use no, always, unless-stopped or on-failure[:N]
      run --rm --restart always img        | run: --rm and --restart always conflict
      run --name 'bad name' img            | run: bad container name "bad name"
      run --name ../x img                  | run: bad container name "../x"
      rmi -f x/../../containers/web        | rmi: "x/../../containers/web" is not a valid repository/tag: invalid reference format
      pull localhost:5000/Conf/UPPER       | pull: "localhost:5000/Conf/UPPER" is not a valid repository/tag: invalid reference format: repository name must be lowercase
      run a/../b                           | run: "a/../b" is not a valid repository/tag: invalid reference format
      build -t 'x:tag with space' ctx      | build: "x:tag with space" is not a valid repository/tag: invalid reference format
      logs ../containers/web               | logs: bad CONTAINER "../containers/web"
      rm 'web?force=1'                     | rm: bad CONTAINER "web?force=1"
      exec -w tmp web ls                   | exec: -w tmp must be an absolute path
      logs --tail -5 web                   | logs: --tail must be 0 or more, not -5
      logs --tail many web                 | logs: --tail needs a whole number, not "many"
      logs --since yesterday web           | logs: bad --since "yesterday"; use a duration (45s, 10m, 1h30m) or a timestamp
      logs --since 10x web                 | logs: bad --since "10x"
      logs -f web                          | logs: --follow is not available here
      stop -t soon web                     | stop: -t needs a whole number, not "soon"
      ps --filter foo=bar                  | ps: unsupported filter "foo" in --filter foo=bar (known: label, name, status, ancestor
      ps --filter status                   | ps: bad filter "status"; write --filter KEY=VALUE
      audit --limit 0                      | audit: --limit must be 1..500, not 0
      audit --limit 9999                   | audit: --limit must be 1..500
      audit --source irc.net               | audit: --source "irc.net" is not a platform name (e.g. slack, discord, web, cli)
      audit --outcome maybe                | audit: unknown --outcome "maybe"
      help rn                              | help: unknown command "rn"; did you mean "run" or "rm"?
      help a b                             | help: unexpected extra argument "b"
      run -e "A=1 img                      | run: unterminated double quote at column 8
      rm 'web                              | rm: unterminated single quote at column 4
      """)
  void malformedInputGivesASpecificMessage(String text, String fragment) {
    assertThatThrownBy(() -> language.parse(text == null ? "" : text))
        .isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining(fragment);
  }

  @Test
  void atLeastThirtyMalformedInputsAreCovered() throws Exception {
    var m = getClass().getDeclaredMethod("malformedInputGivesASpecificMessage", String.class, String.class);
    String block = m.getAnnotation(CsvSource.class).textBlock();
    assertThat(block.lines().filter(l -> !l.isBlank()).count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void everyErrorNamesTheHelpOrTheFix() {
    assertThatThrownBy(() -> language.parse("run --nmae x img")).hasMessageContaining("help run");
    assertThatThrownBy(() -> language.parse("frobnicate")).hasMessageContaining("type \"help\" for the list");
  }

  @Test
  void auditNamesEveryOutcomeTheTrailRecordsAndParsesEach() {
    String help = language.help("audit");
    for (AuditOutcome o : AuditOutcome.values()) {
      assertThat(help).contains(o.id());
      assertThat(((io.berth.core.command.AuditQuery) language.parse("audit --outcome " + o.id())).filter().outcome())
          .isEqualTo(o);
    }
    assertThatThrownBy(() -> language.parse("audit --outcome maybe"))
        .hasMessageContaining("(known: " + String.join(", ", AuditOutcome.ids()) + ")")
        .hasMessageContaining("approval_requested, approved, rejected, expired");
  }

  @Test
  void atFilesAreNeverExpanded() {
    Run r = (Run) language.parse("run img @/etc/passwd");
    assertThat(r.command()).containsExactly("@/etc/passwd");
  }

  @Test
  void chatTextIsNormalizedBeforeParsing() {
    DockerRequest r = language.parse("run\u00A0-e \u201CA=hello world\u201D \u2014name web\u200B img");
    assertThat(r).isEqualTo(new Run("img", "web", false, List.of(), List.of(new Run.EnvVar("A", "hello world")), Map.of(),
        List.of(), "no", false, List.of(), Run.HostAccess.NONE));
  }

  @Test
  void helpOverviewListsEveryCommand() {
    String overview = language.help(null);
    for (String c : PicocliCommandLanguage.commands()) assertThat(overview).contains("  " + c + " ");
    assertThat(PicocliCommandLanguage.commands()).isEqualTo(io.berth.core.command.Catalog.names())
        .contains("ps", "run", "start", "stop", "restart", "rm", "logs", "exec", "build", "pull", "inspect", "images",
            "stats", "rmi", "help", "audit");
  }

  @ParameterizedTest
  @CsvSource({"run,--publish", "run,--cap-add", "logs,--since", "rm,--force", "audit,--limit", "exec,--workdir",
      "build,--tag", "stop,--time"})
  void helpForACommandIsGeneratedFromItsDefinition(String command, String flag) {
    String help = language.help(command);
    assertThat(help).startsWith("Usage: " + command).contains(flag);
  }

  @Test
  void helpShowsTheInteractiveFlagsNowThatRunItIsASession() {
    assertThat(language.help("run")).contains("--tty").contains("--interactive");
  }

  @Test
  void unknownHelpTopicSuggests() {
    assertThatThrownBy(() -> language.help("lgos")).isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining("did you mean \"logs\"");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      run -e A=secret img                          | run -e A=*** img
      run -e 'A=two words' img                     | run -e A=*** img
      run --env "TOKEN=x y z" --env=PW=hunter2 img | run --env TOKEN=*** --env=PW=*** img
      run -eK=v -de X=1 img                        | run -eK=*** -de X=*** img
      docker exec -e K=v web env                   | docker exec -e K=*** web env
      exec --env K=v web env                       | exec --env K=*** web env
      ps -a                                        | ps -a
      logs -e web                                  | logs -e web
      exec web grep -e pattern /f                  | exec web grep -e pattern /f
      run -e A=1 img echo -e x                     | run -e A=*** img echo -e x
      run --name w -p 1:1 -l a=b -e A=1 img        | run --name w -p 1:1 -l a=b -e A=*** img
      run --nmae x -e A=1 img sh -e y              | run --nmae x -e A=*** img sh -e ***
      run -e "A=unterminated img                   | run -e ***
      run \u201C-e\u201D A=1 img                        | run "-e" A=*** img
      """)
  void maskHidesEnvValues(String text, String expected) {
    assertThat(SecretMasking.mask(text.replace("\\u201C", "\u201C").replace("\\u201D", "\u201D"))).isEqualTo(expected);
  }

  @Test
  void maskNeverLeaksTheValueHoweverItIsQuoted() {
    for (String t : List.of("run -e SECRET='s3cr3t' img", "run -e \"SECRET=s3cr3t\" img", "run --env=SECRET=s3cr3t img",
        "run -eSECRET=s3cr3t img", "run -e SECRET=s3cr3t", "exec -e SECRET=s3cr3t c ls", "run -e SECRET=s3cr3t' img",
        "run --bogus -e SECRET=s3cr3t img", "run -- -e SECRET=s3cr3t img",
        "run -de SECRET=s3cr3t img", "exec -w /x -e SECRET=s3cr3t c ls")) {
      assertThat(SecretMasking.mask(t)).as(t).doesNotContain("s3cr3t");
    }
  }

  static Stream<Arguments> describable() {
    return Stream.of(
        Arguments.of(new Ps(true, List.of(new Ps.Filter("label", "team=pay"))), "ps -a --filter label=team=pay"),
        Arguments.of(new Rm("web", true, false), "rm -f web"),
        Arguments.of(new Stop("web", 5), "stop -t 5 web"),
        Arguments.of(new Logs("web", 100, Instant.parse("2026-11-28T10:00:00Z"), true),
            "logs --tail 100 --since 2026-11-28T10:00:00Z -t web"),
        Arguments.of(new Exec("web", List.of("sh", "-c", "echo hi"), List.of(), "/tmp"), "exec -w /tmp web sh -c 'echo hi'"),
        Arguments.of(new Run("img:1", "web", true, List.of(new Run.PortBinding("127.0.0.1", 8080, 80, "udp")), List.of(),
            Map.of("b", "2", "a", "1"), List.of(new Run.VolumeMount("data", "/d", true)), "always", false, List.of("x y"),
            Run.HostAccess.NONE), "run -d --name web -p 127.0.0.1:8080:80/udp -l a=1 -l b=2 -v data:/d:ro --restart always img:1 'x y'"),
        Arguments.of(new Rmi("img:1", false), "rmi img:1"),
        Arguments.of(new Build("app:1", new Build.Directory("app")), "build -t app:1 app"),
        Arguments.of(new Help("run"), "help run"),
        Arguments.of(new AuditQuery(new AuditFilter("bob", null, "rm", null, AuditOutcome.DENIED, null, null, null, null), 5),
            "audit --user bob --action rm --outcome denied --limit 5"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("describable")
  void describeGivesCanonicalTextThatParsesBackToTheSameRequest(DockerRequest request, String expected) {
    assertThat(language.describe(request)).isEqualTo(expected);
    assertThat(language.parse(expected)).isEqualTo(request);
  }

  @Test
  void describeMasksEnvValues() {
    Run r = new Run("img", null, false, List.of(), List.of(new Run.EnvVar("PW", "hunter2")), Map.of(), List.of(), "no",
        false, List.of(), Run.HostAccess.NONE);
    assertThat(language.describe(r)).isEqualTo("run -e PW=*** img").doesNotContain("hunter2");
    Exec e = new Exec("c", List.of("env"), List.of(new Run.EnvVar("PW", "hunter2")), null);
    assertThat(language.describe(e)).isEqualTo("exec -e PW=*** c env");
  }
}
