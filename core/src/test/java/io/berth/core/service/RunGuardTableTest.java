package io.berth.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.command.Run;
import io.berth.core.config.ConfigLoader;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every flag docker's {@code run} accepts, in the spellings docker accepts, through the whole core
 * (language, policy, scope, audit) as user {@code sam}, whose scope is containers named
 * {@code sam-*}. Each row's verdict is what Berth does with it:
 * <ul>
 *   <li>{@code allowed}: runs under the strictest policy;
 *   <li>{@code guard:SETTING}: refused naming {@code policy.run.SETTING}; runs once that is true;
 *   <li>{@code guard:SETTING+scope}: as above, and once allowed, the container it names ({C}) must be
 *       in scope: an out-of-scope one is refused, an in-scope one runs;
 *   <li>{@code fileRoots}: refused whatever the {@code allow*} guards say, naming {@code policy.run.fileRoots}
 *       (none configured here; files under configured roots are tested below);
 *   <li>{@code scope}: no guard, but the volume ({V}) or container ({C}) it names must be in scope;
 *   <li>{@code unsupported}: refused as a usage error; Berth never passes a flag it does not guard.
 * </ul>
 * {C} is replaced by {@code victim} (out of scope) or {@code sam-own}; {V} by {@code victim-data}
 * (mounted by victim) or {@code sam-data} (mounted by sam-own).
 */
class RunGuardTableTest {
  static final String ALL_ALLOWED = "allowPrivileged: true, allowBindMounts: true, allowHostNamespaces: true, "
      + "allowCapabilities: true, allowDevices: true, allowContainerNamespaces: true, allowRootUser: true";
  static final Caller SAM = new Caller(Source.CLI, "sam", "sam", Location.NOWHERE);
  static final PicocliCommandLanguage LANGUAGE = new PicocliCommandLanguage();

  static ConfiguredPolicy policy(String run) {
    return new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { sam: { role: admin, cli: [sam], scope: { names: [\"sam-*\"] } } }, run: { " + run + " } }",
        Map.of()).policy());
  }

  /** One attempt on a fresh engine and audit trail. */
  record Attempt(Outcome outcome, RecordingContainerEngine engine, InMemoryAuditTrail audit) {
    boolean ran() {
      return outcome instanceof Outcome.Succeeded && !engine.created().isEmpty();
    }

    boolean refused() {
      return (outcome instanceof Outcome.Denied || outcome instanceof Outcome.Failed) && engine.created().isEmpty();
    }

    boolean usageError() {
      return outcome instanceof Outcome.Failed f && f.kind() == Failure.USAGE && engine.created().isEmpty();
    }

    String message() {
      return outcome instanceof Outcome.Denied d ? d.reason() : outcome instanceof Outcome.Failed f ? f.message() : "";
    }
  }

  static Attempt attempt(String run, String flags, boolean victim) {
    RecordingContainerEngine engine = new RecordingContainerEngine()
        .with("id-victim", "victim", "running", Map.of())
        .with("id-sam-own", "sam-own", "running", Map.of())
        .withVolume("victim-data", Map.of(), "victim")
        .withVolume("sam-data", Map.of(), "sam-own");
    InMemoryAuditTrail audit = new InMemoryAuditTrail();
    CommandService core = new CommandService(LANGUAGE, policy(run), audit, engine,
        CoreLimits.DEFAULTS, Clock.systemUTC());
    String text = "run -d --name sam-run " + flags.replace("{C}", victim ? "victim" : "sam-own")
        .replace("{V}", victim ? "victim-data" : "sam-data") + " img:1";
    return new Attempt(core.submit(SAM, text, p -> {}), engine, audit);
  }

  /** What Berth does with these flags, found by trying them as described in the class comment. */
  static String verdict(String flags) {
    Attempt strict = attempt("", flags, true);
    if (strict.usageError()) {
      assertThat(attempt(ALL_ALLOWED, flags, false).usageError()).as("refused whatever the policy").isTrue();
      return "unsupported";
    }
    if (strict.message().contains("policy.run.fileRoots")) {
      assertThat(strict.refused()).isTrue();
      Attempt allowed = attempt(ALL_ALLOWED, flags, false);
      assertThat(allowed.refused()).as("no allow* guard opens a file read").isTrue();
      assertThat(allowed.message()).contains("policy.run.fileRoots");
      return "fileRoots";
    }
    Matcher guard = Pattern.compile("policy\\.run\\.(allow\\w+)").matcher(strict.message());
    if (strict.outcome() instanceof Outcome.Denied && guard.find()) {
      assertThat(strict.refused()).isTrue();
      assertThat(attempt(ALL_ALLOWED, flags, false).ran()).as("runs once policy.run.%s is true", guard.group(1)).isTrue();
      Attempt reach = attempt(ALL_ALLOWED, flags, true);
      if (reach.ran()) return "guard:" + guard.group(1);
      assertThat(reach.refused()).isTrue();
      return "guard:" + guard.group(1) + "+scope";
    }
    assertThat(attempt("", flags, false).ran()).as("%s runs: %s", flags, attempt("", flags, false).message()).isTrue();
    if (strict.ran()) return "allowed";
    assertThat(strict.refused()).as("%s: %s", flags, strict.outcome()).isTrue();
    return "scope";
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      -d                                        | allowed
      --detach                                  | allowed
      --name=sam-2                              | allowed
      -p 8080:80                                | allowed
      --publish=127.0.0.1:8080:80/udp           | allowed
      -e A=1                                    | allowed
      --env=A=1                                 | allowed
      -l team=x                                 | allowed
      --label=team=x                            | allowed
      --restart unless-stopped                  | allowed
      --restart=on-failure:3                    | allowed
      --rm                                      | allowed
      --network bridge                          | allowed
      --network=none                            | allowed
      --net my-net                              | allowed
      --ipc private                             | allowed
      --ipc=shareable                           | allowed
      -v data:/data                             | allowed
      -v data:/data:ro                          | allowed
      --volume=data:/data:rw                    | allowed
      --privileged                              | guard:allowPrivileged
      --privileged=true                         | guard:allowPrivileged
      -d --privileged -d                        | guard:allowPrivileged
      --cap-add SYS_ADMIN                       | guard:allowCapabilities
      --cap-add=ALL                             | guard:allowCapabilities
      --cap-add CHOWN --cap-add NET_ADMIN       | guard:allowCapabilities
      --device /dev/kvm                         | guard:allowDevices
      --device=/dev/sda:/dev/xvda:rwm           | guard:allowDevices
      --device /dev/null --device /dev/mem      | guard:allowDevices
      -v /:/host                                | guard:allowBindMounts
      -v /etc:/e:ro                             | guard:allowBindMounts
      --volume /var/run/docker.sock:/s          | guard:allowBindMounts
      --volume=/:/host                          | guard:allowBindMounts
      -v=/:/host                                | guard:allowBindMounts
      -dv /:/host                               | guard:allowBindMounts
      -dv/:/host                                | guard:allowBindMounts
      -v data:/a -v /:/b                        | guard:allowBindMounts
      -v ./src:/src                             | guard:allowBindMounts
      -v ../up:/up                              | guard:allowBindMounts
      -v ~/x:/x                                 | guard:allowBindMounts
      --network host                            | guard:allowHostNamespaces
      --network=host                            | guard:allowHostNamespaces
      --net host                                | guard:allowHostNamespaces
      --network HOST                            | guard:allowHostNamespaces
      --network=Host                            | guard:allowHostNamespaces
      --network bridge --network host           | guard:allowHostNamespaces
      --pid host                                | guard:allowHostNamespaces
      --pid=host                                | guard:allowHostNamespaces
      --pid=HOST                                | guard:allowHostNamespaces
      --ipc host                                | guard:allowHostNamespaces
      --ipc=Host                                | guard:allowHostNamespaces
      --pid container:{C}                       | guard:allowContainerNamespaces+scope
      --pid=container:{C}                       | guard:allowContainerNamespaces+scope
      --pid=Container:{C}                       | guard:allowContainerNamespaces+scope
      --network container:{C}                   | guard:allowContainerNamespaces+scope
      --network=CONTAINER:{C}                   | guard:allowContainerNamespaces+scope
      --net container:{C}                       | guard:allowContainerNamespaces+scope
      --net=container:{C}                       | guard:allowContainerNamespaces+scope
      --network bridge --network container:{C}  | guard:allowContainerNamespaces+scope
      --ipc container:{C}                       | guard:allowContainerNamespaces+scope
      --ipc=container:{C}                       | guard:allowContainerNamespaces+scope
      --ipc container:sam-own --pid container:{C} | guard:allowContainerNamespaces+scope
      -v {V}:/x                                 | scope
      -v {V}:/x:ro                              | scope
      --volume={V}:/x                           | scope
      -dv {V}:/x                                | scope
      -v data:/a -v {V}:/b                      | scope
      -u 1000                                   | allowed
      --user=1000:1000                          | allowed
      -u 00                                     | guard:allowRootUser
      -u 1000:0                                 | guard:allowRootUser
      -u nobody                                 | guard:allowRootUser
      -u toor:1000                              | guard:allowRootUser
      -du 0                                     | guard:allowRootUser
      -u 'a b'                                  | unsupported
      -u a:b:c                                  | unsupported
      --entrypoint ''                           | allowed
      --entrypoint=/bin/sh                      | allowed
      -w relative                               | unsupported
      --workdir=/app                            | allowed
      -m 512m --memory-swap 1g                  | allowed
      -m 512m --memory-swap=-1                  | allowed
      -m 1g --memory-swap 512m                  | unsupported
      -m 1x                                     | unsupported
      --memory=1.5g                             | allowed
      --cpus 0.5                                | allowed
      --cpus=1.0000000001                       | unsupported
      --cpus 0                                  | unsupported
      --health-interval 1m30s                   | allowed
      --health-interval 30                      | unsupported
      --health-retries -1                       | unsupported
      --no-healthcheck --health-cmd true        | unsupported
      --env-file ../../etc/shadow               | fileRoots
      --env-file=env.list                       | fileRoots
      --label-file labels.txt                   | fileRoots
      --PID host                                | unsupported
      --Privileged                              | unsupported
      --pid bogus                               | unsupported
      --pid container:                          | unsupported
      --ipc container:a/b                       | unsupported
      --network bad:mode                        | unsupported
      --uts host                                | unsupported
      --uts=host                                | unsupported
      --userns host                             | unsupported
      --cgroupns host                           | unsupported
      --cgroupns=private                        | unsupported
      --volumes-from {C}                        | unsupported
      --volumes-from={C}:ro                     | unsupported
      --link {C}                                | unsupported
      --link={C}:alias                          | unsupported
      --mount type=bind,src=/,dst=/host         | unsupported
      --mount type=bind,source=/,target=/h,readonly | unsupported
      --mount=type=volume,source={V},target=/x  | unsupported
      --mount type=tmpfs,dst=/t                 | unsupported
      -v /anonymous                             | unsupported
      -v data:/x:z                              | unsupported
      -v data:/x:ro,nocopy                      | unsupported
      -v 'a b:/x'                               | unsupported
      -v data:relative                          | unsupported
      --volume-driver local                     | unsupported
      --device-cgroup-rule 'c 1:3 mr'           | unsupported
      --device-read-bps /dev/sda:1mb            | unsupported
      --device-read-iops /dev/sda:100           | unsupported
      --device-write-bps /dev/sda:1mb           | unsupported
      --device-write-iops /dev/sda:100          | unsupported
      --gpus all                                | unsupported
      --cap-drop ALL                            | unsupported
      --security-opt seccomp=unconfined         | unsupported
      --security-opt=apparmor=unconfined        | unsupported
      --sysctl net.ipv4.ip_forward=1            | unsupported
      --tmpfs /run                              | unsupported
      -u 0                                      | guard:allowRootUser
      --user root                               | guard:allowRootUser
      --user=0:0                                | guard:allowRootUser
      --group-add 0                             | unsupported
      --ulimit nofile=1024                      | unsupported
      --oom-kill-disable                        | unsupported
      --oom-score-adj -1000                     | unsupported
      --runtime runc                            | unsupported
      --init                                    | unsupported
      --cgroup-parent /                         | unsupported
      --use-api-socket                          | unsupported
      --cidfile /etc/cron.d/x                   | unsupported
      --env-file /etc/shadow                    | fileRoots
      --label-file /etc/shadow                  | fileRoots
      --isolation default                       | unsupported
      --storage-opt size=1G                     | unsupported
      --pids-limit -1                           | unsupported
      --read-only                               | unsupported
      --add-host x:10.0.0.1                     | unsupported
      -a stdout                                 | unsupported
      --attach stdout                           | unsupported
      --blkio-weight 10                         | unsupported
      --blkio-weight-device /dev/sda:10         | unsupported
      --cpu-period 1000                         | unsupported
      --cpu-quota 1000                          | unsupported
      --cpu-rt-period 1000                      | unsupported
      --cpu-rt-runtime 1000                     | unsupported
      --cpu-shares 2                            | unsupported
      --cpus 1                                  | allowed
      --cpuset-cpus 0                           | unsupported
      --cpuset-mems 0                           | unsupported
      --detach-keys ctrl-x                      | unsupported
      --disable-content-trust                   | unsupported
      --dns 1.1.1.1                             | unsupported
      --dns-option ndots:1                      | unsupported
      --dns-search example.com                  | unsupported
      --domainname example.com                  | unsupported
      --entrypoint sh                           | allowed
      --expose 80                               | unsupported
      --health-cmd true                         | allowed
      --health-interval 1s                      | allowed
      --health-retries 1                        | allowed
      --health-start-period 1s                  | allowed
      --health-timeout 1s                       | allowed
      --hostname h                              | unsupported
      -i                                        | allowed
      --interactive                             | allowed
      -t                                        | allowed
      --tty                                     | allowed
      -dit                                      | allowed
      --ip 172.17.0.99                          | unsupported
      --ip6 ::99                                | unsupported
      --kernel-memory 1g                        | unsupported
      --link-local-ip 169.254.0.9               | unsupported
      --log-driver none                         | unsupported
      --log-opt max-size=1m                     | unsupported
      --mac-address 02:42:ac:11:00:99           | unsupported
      -m 1g                                     | allowed
      --memory 1g                               | allowed
      --memory-reservation 1g                   | unsupported
      --memory-swap 1g                          | unsupported
      --memory-swappiness 0                     | unsupported
      --network-alias a                         | unsupported
      --no-healthcheck                          | allowed
      --platform linux/amd64                    | unsupported
      -P                                        | unsupported
      --publish-all                             | unsupported
      --pull always                             | unsupported
      -q                                        | unsupported
      --quiet                                   | unsupported
      --shm-size 1g                             | unsupported
      --sig-proxy=false                         | unsupported
      --stop-signal KILL                        | unsupported
      --stop-timeout 1                          | unsupported
      -w /                                      | allowed
      --workdir /                               | allowed
      """)
  void eachRunFlagSpellingHasOneVerdict(String flags, String expected) {
    assertThat(verdict(flags)).isEqualTo(expected);
  }

  /** Every long flag in {@code docker run --help}, captured from the docker client into a test resource. */
  static Set<String> dockerRunFlags() throws IOException {
    String source;
    try (InputStream in = RunGuardTableTest.class.getResourceAsStream("/docker-run-flags.txt")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> flags = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^\\s+(?:-\\w, )?(--[a-z0-9-]+)").matcher(source);
    while (m.find()) flags.add(m.group(1));
    return flags;
  }

  @Test
  void theTableHasARowForEveryFlagDockerRunAccepts() throws IOException {
    Set<String> docker = dockerRunFlags();
    assertThat(docker).hasSizeGreaterThan(90).contains("--volumes-from", "--mount", "--use-api-socket");
    String table = tableText();
    List<String> missing = docker.stream().filter(f -> !f.equals("--help"))
        .filter(f -> !Pattern.compile("(?m)^\\s+.*" + Pattern.quote(f) + "(?![a-z-])").matcher(table).find())
        .toList();
    assertThat(missing).as("docker run flags with no row in the table").isEmpty();
  }

  /** The table above, read back from this file, so the completeness check sees exactly its rows. */
  private static String tableText() throws IOException {
    var path = java.nio.file.Path.of("src/test/java/io/berth/core/service/RunGuardTableTest.java");
    String self = java.nio.file.Files.readString(path);
    return self.substring(self.indexOf("textBlock = \"\"\""), self.indexOf("void eachRunFlagSpellingHasOneVerdict"));
  }

  @Test
  void aJoinedContainerIsATargetInTheAuditAndIsPinnedToItsId() {
    Attempt ok = attempt(ALL_ALLOWED, "--pid container:{C} --network=container:{C}", false);
    assertThat(ok.ran()).isTrue();
    Run created = ok.engine().created().get(0);
    assertThat(created.hostAccess().pid()).isEqualTo("container:id-sam-own");
    assertThat(created.hostAccess().network()).isEqualTo("container:id-sam-own");
    assertThat(ok.audit().entries()).extracting(AuditEntry::target).containsOnly("img:1, sam-own");

    Attempt denied = attempt("", "--pid container:{C}", true);
    AuditEntry record = denied.audit().entries().get(0);
    assertThat(record.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(record.target()).isEqualTo("img:1, victim");
    assertThat(record.message()).contains("--pid container:victim").contains("policy.run.allowContainerNamespaces");

    Attempt outOfScope = attempt(ALL_ALLOWED, "--pid container:{C}", true);
    assertThat(outOfScope.message()).isEqualTo("No such container: victim");
    assertThat(outOfScope.audit().entries().get(0).target()).isEqualTo("img:1, victim");
  }

  @ParameterizedTest(name = "{0} -> in scope: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      team=pay  | true
      team=ops  | false
      other=x   | true
      """)
  void aVolumeLabelledForAnotherTeamIsOutOfALabelScope(String label, boolean inScope) {
    RecordingContainerEngine engine = new RecordingContainerEngine()
        .withVolume("vol", Map.of(label.split("=")[0], label.split("=")[1]));
    ConfiguredPolicy policy = new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { pam: { role: admin, cli: [pam], scope: { labels: { team: pay } } } } }", Map.of()).policy());
    CommandService core = new CommandService(new PicocliCommandLanguage(), policy, new InMemoryAuditTrail(), engine,
        CoreLimits.DEFAULTS, Clock.systemUTC());
    Outcome o = core.submit(new Caller(Source.CLI, "pam", "pam", Location.NOWHERE), "run -d -l team=pay -v vol:/x img:1", p -> {});
    assertThat(o instanceof Outcome.Succeeded).as("%s", o).isEqualTo(inScope);
    assertThat(engine.created().isEmpty()).isEqualTo(!inScope);
    if (!inScope) assertThat(((Outcome.Denied) o).reason()).contains("volume vol");
  }
}
