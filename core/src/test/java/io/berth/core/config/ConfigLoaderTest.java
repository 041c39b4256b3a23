package io.berth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  static final String HASH = "$2a$10$" + "a".repeat(53);

  static BerthConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  @Test
  void emptyFileGivesEveryDefault() {
    BerthConfig c = parse("");
    BerthConfig d = BerthConfig.defaults();
    assertThat(c.server()).isEqualTo(new ServerSettings("127.0.0.1", 8080));
    assertThat(c.data().auditDb()).isEqualTo(Path.of("data", "audit.db"));
    assertThat(c.engine().primary()).isEqualTo(new EngineSettings.Endpoint("local", "unix:///var/run/docker.sock"));
    assertThat(c.engine().runTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.engine().execTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.engine().maxOutputBytes()).isEqualTo(1_048_576);
    assertThat(c.engine().maxLogLines()).isEqualTo(10_000);
    assertThat(c.build().roots()).containsExactly(Path.of("build"));
    assertThat(c.policy()).isEqualTo(d.policy());
    assertThat(c.policy().users()).containsOnlyKeys("local");
    assertThat(c.policy().users().get("local").ids("cli")).containsExactly("*");
    assertThat(c.policy().confirm().commands()).containsExactlyInAnyOrder("exec", "rm", "rmi", "container prune",
        "image prune", "network rm", "volume rm", "volume prune", "service rm", "stack rm");
    assertThat(c.policy().confirm().ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.web().enabled()).isTrue();
    assertThat(c.web().sessionKey().file()).contains(Path.of("data", "web-session.key"));
    assertThat(c.web().loginThrottle()).isEqualTo(
        new WebSettings.LoginThrottle(5, 20, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1)));
    assertThat(c.web().maxStreamsPerUser()).isEqualTo(8);
    assertThat(c.web().publicUrl()).isNull();
    assertThat(c.web().terminal()).isEqualTo(new WebSettings.Terminal(Duration.ofMinutes(15), 4));
    assertThat(c.notifications()).isEqualTo(d.notifications());
    assertThat(c.audit()).isEqualTo(d.audit());
    assertThat(c.sections()).as("no module registered a section").isEmpty();
    assertThat(c.coreLimits().confirmationTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void valuesAreRead() {
    BerthConfig c = parse("""
        server: { host: 0.0.0.0, port: 9090 }
        engine: { endpoints: [ { name: remote, host: "tcp://10.0.0.5:2375" } ], runTimeout: 90s, execTimeout: 1h30m }
        policy:
          roles: { deployer: [ps, run] }
          users:
            alice:
              role: deployer
              identities:
                slack: [U123]
                discord: ["81234"]
                web: { login: alice, passwordHash: "%s" }
              scope: { labels: { team: payments }, names: ["pay-*"] }
          channels: { slack: [C1, C2], discord: { guilds: [G1], channels: ["*"] } }
          run: { allowPrivileged: true, images: ["localhost:5000/*"] }
          confirm: { commands: [rm], ttl: 2m }
        notify: { events: [die, oom], dedupeWindow: 10m, maxPerMinute: 3 }
        """.formatted(HASH));
    assertThat(c.server()).isEqualTo(new ServerSettings("0.0.0.0", 9090));
    assertThat(c.engine().primary().host()).isEqualTo("tcp://10.0.0.5:2375");
    assertThat(c.engine().runTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.engine().execTimeout()).isEqualTo(Duration.ofMinutes(90));
    PolicySettings.User alice = c.policy().users().get("alice");
    assertThat(alice.role()).isEqualTo("deployer");
    assertThat(alice.ids("slack")).containsExactly("U123");
    assertThat(alice.ids("discord")).containsExactly("81234");
    assertThat(alice.web()).isEqualTo(new PolicySettings.WebLogin("alice", HASH));
    assertThat(alice.scope()).isEqualTo(new PolicySettings.Scope(Map.of("team", "payments"), List.of("pay-*")));
    assertThat(c.policy().users()).doesNotContainKey("local");
    assertThat(c.policy().channels().of("slack")).isEqualTo(new PolicySettings.ChannelRule(List.of("*"), List.of("C1", "C2")));
    assertThat(c.policy().channels().of("discord")).isEqualTo(new PolicySettings.ChannelRule(List.of("G1"), List.of("*")));
    assertThat(c.policy().channels().of("web")).isEqualTo(PolicySettings.ChannelRule.ANYWHERE);
    assertThat(c.policy().run().allowPrivileged()).isTrue();
    assertThat(c.policy().run().allowBindMounts()).isFalse();
    assertThat(c.policy().run().images()).containsExactly("localhost:5000/*");
    assertThat(c.policy().confirm()).isEqualTo(new PolicySettings.Confirm(List.of("rm"), "berth.protected", Duration.ofMinutes(2)));
    assertThat(c.notifications()).isEqualTo(new NotifySettings(List.of("die", "oom"), Duration.ofMinutes(10), 3));
  }

  @Test
  void identitiesOfAnyPlatformAreReadUnderItsName() {
    BerthConfig c = parse("""
        policy:
          users:
            ann: { role: viewer, identities: { matrix: ["@ann:example.org"], cli: [ann] } }
          channels: { matrix: { workspaces: ["example.org"], channels: ["!ops:example.org"] } }
        """);
    PolicySettings.User ann = c.policy().users().get("ann");
    assertThat(ann.identities()).containsOnlyKeys("matrix", "cli");
    assertThat(ann.ids("matrix")).containsExactly("@ann:example.org");
    assertThat(ann.ids("slack")).isEmpty();
    assertThat(c.policy().channels().of("matrix"))
        .isEqualTo(new PolicySettings.ChannelRule(List.of("example.org"), List.of("!ops:example.org")));
  }

  @Test
  void identityKeysDirectlyUnderAUserStillWorkAndReadTheSameAsIdentities() {
    String legacy = """
        policy: { users: { bo: { role: admin, slack: [U1], discord: ["2"], cli: [bo], web: { login: bo, passwordHash: "%s" } } } }
        """.formatted(HASH);
    String current = """
        policy: { users: { bo: { role: admin, identities: { slack: [U1], discord: ["2"], cli: [bo], web: { login: bo, passwordHash: "%s" } } } } }
        """.formatted(HASH);
    assertThat(parse(legacy).policy()).isEqualTo(parse(current).policy());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      policy: { users: { a: { role: admin, identities: { Slack: [U1] } } } }                     | policy.users.a.identities.Slack: "Slack" is not a platform name
      policy: { users: { a: { role: admin, identities: { slack: [U1] }, slack: [U2] } } }        | policy.users.a.slack: given twice: also under policy.users.a.identities.slack
      policy: { users: { a: { role: admin, identities: { matrix: [x] } }, b: { role: viewer, identities: { matrix: [x] } } } } | policy.users.b.identities.matrix[0]: "x" already belongs to user a
      policy: { channels: { discord: { guilds: [G], workspaces: [G] } } }                       | policy.channels.discord.guilds: the same as workspaces
      policy: { channels: { slack: { rooms: [C1] } } }                                           | policy.channels.slack.rooms
      """)
  void badIdentitiesAndChannelsAreNamed(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }

  static final String TWO_CONTEXTS = "engine: { endpoints: [ {name: prod, host: \"unix:///p.sock\"}, {name: staging, host: \"unix:///s.sock\"} ] }\n";

  /** Every context the policy names is one of engine.endpoints, refused at start like any other unknown value. */
  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      policy: { users: { ann: { role: viewer, contexts: { qa: operator } } } }                        | 'policy.users.ann.contexts: context "qa" does not exist (known: prod, staging)'
      policy: { groups: [ { platform: slack, group: S1, role: viewer, contexts: { qa: admin } } ] }   | 'policy.groups[0].contexts: context "qa" does not exist (known: prod, staging)'
      policy: { run: { contexts: { qa: { images: ["*"] } } } }                                         | 'policy.run.contexts: context "qa" does not exist (known: prod, staging)'
      policy: { approvals: { rules: { r: { commands: [stop], approvers: [admin], contexts: [prod, qa] } } } } | 'policy.approvals.rules.r.contexts[1]: context "qa" does not exist (known: prod, staging)'
      policy: { users: { ann: { role: viewer, contexts: { prod: opertor } } } }                       | 'policy.users.ann.contexts.prod: unknown value "opertor" (known: viewer, operator, admin)'
      policy: { users: { ann: { role: viewer, contexts: { prod: { rol: admin } } } } }                | 'policy.users.ann.contexts.prod.rol: unknown key; did you mean "role"?'
      policy: { users: { ann: { role: viewer, contexts: { prod: {} } } } }                            | 'policy.users.ann.contexts.prod: give a role, a scope or both'
      policy: { run: { contexts: { prod: { fileRoots: [/srv] } } } }                                   | 'policy.run.contexts.prod.fileRoots: unknown key'
      policy: { run: { contexts: { prod: { images: ["bad pattern!"] } } } }                            | 'policy.run.contexts.prod.images[0]: "bad pattern!" is not an image pattern'
      """)
  void contextsInThePolicyMustExist(String yaml, String expected) {
    assertThatThrownBy(() -> parse(TWO_CONTEXTS + yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }

  @Test
  void configCheckPrintsEachContextsRolesAndItsGuardsMerged() {
    String out = ConfigPrinter.print(parse(TWO_CONTEXTS + """
        policy:
          users:
            ann: { role: operator, contexts: { prod: viewer } }
          run:
            allowRootUser: true
            contexts: { prod: { images: ["localhost:5000/*"] } }
        """));
    assertThat(out).containsPattern("(?s)ann:.*contexts:\\s+prod: \"?viewer");
    // prod's guards as they hold there: its own image list, the top level's allowRootUser
    assertThat(out).containsPattern("(?s)contexts:\\s+prod:\\s+allowPrivileged: false.*allowRootUser: true\\s+images:\\s+- \"?localhost:5000/\\*");
  }

  @Test
  void policyPerContextIsRead() {
    PolicySettings p = parse(TWO_CONTEXTS + """
        policy:
          users:
            ann: { role: operator, scope: { names: ["app-*"] }, contexts: { prod: viewer, staging: { scope: { names: ["*"] } } } }
          groups:
            - { platform: slack, group: S1, role: operator, contexts: { prod: { role: viewer, scope: { labels: { team: a } } } } }
          run:
            allowRootUser: true
            images: ["*"]
            contexts: { prod: { images: ["localhost:5000/*"] } }
          approvals:
            rules: { r: { commands: [stop], approvers: [admin], contexts: [prod] } }
        """).policy();
    PolicySettings.User ann = p.users().get("ann");
    assertThat(ann.roleIn("prod")).isEqualTo("viewer");
    assertThat(ann.scopeIn("prod").names()).containsExactly("app-*");
    assertThat(ann.roleIn("staging")).isEqualTo("operator");
    assertThat(ann.scopeIn("staging").names()).containsExactly("*");
    PolicySettings.Group g = p.groups().get(0);
    assertThat(g.roleIn("prod")).isEqualTo("viewer");
    assertThat(g.scopeIn("prod").labels()).containsEntry("team", "a");
    assertThat(g.roleIn("staging")).isEqualTo("operator");
    assertThat(p.run().in("prod").images()).containsExactly("localhost:5000/*");
    assertThat(p.run().in("prod").allowRootUser()).as("not given for prod: the top level's").isTrue();
    assertThat(p.run().in("staging").images()).containsExactly("*");
    assertThat(p.approvals().rules().get("r").appliesIn("prod")).isTrue();
    assertThat(p.approvals().rules().get("r").appliesIn("staging")).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      serverr: {}                                             | 'serverr: unknown key; did you mean "server"? (known: server, data, engine'
      server: { prot: 1 }                                     | 'server.prot: unknown key; did you mean "port"? (known: host, port)'
      server: { port: 70000 }                                 | server.port: 70000 is out of range (allowed: 0..65535)
      server: { port: eighty }                                | 'server.port: expected a whole number, got "eighty"'
      server: [1, 2]                                          | server: expected a mapping of keys, got a list
      engine: { runTimeout: 90 }                              | engine.runTimeout: a duration needs a unit, e.g. "90s"
      engine: { execTimeout: soon }                           | engine.execTimeout: "soon" is not a duration
      engine: { runTimeout: 0s }                              | engine.runTimeout: must be longer than 0s
      engine: { endpoints: [ { name: xy, host: "http://h" } ] }| engine.endpoints[0].host: "http://h" is not a Docker host
      engine: { endpoints: [] }                               | engine.endpoints: expected a non-empty list
      policy: { users: { alice: { role: admn } } }            | 'policy.users.alice.role: unknown role "admn" (known: viewer, operator, admin)'
      policy: { users: { alice: { slack: [U1] } } }           | policy.users.alice.role: missing (known: viewer, operator, admin)
      policy: { users: { alice: { role: admin, email: a } } } | policy.users.alice.email: unknown key; (known: role, identities, slack, discord, web, cli, scope, contexts)
      policy: { roles: { ops: [ps, rmm] } }                   | 'policy.roles.ops[1]: unknown value "rmm"; did you mean "rm"?'
      policy: { roles: { admin: [ps] } }                      | policy.roles.admin: "admin" is a built-in role and cannot be redefined
      policy: { confirm: { commands: [delete] } }             | 'policy.confirm.commands[0]: unknown value "delete"'
      policy: { confirm: { ttl: 2h } }                        | policy.confirm.ttl: at most 1h
      policy: { confirm: { forOthers: [admn] } }              | 'policy.confirm.forOthers[0]: unknown value "admn"'
      policy: { run: { allowPrivileged: maybe } }             | 'policy.run.allowPrivileged: expected true or false, got "maybe"'
      policy: { run: { images: ["bad pattern!"] } }           | policy.run.images[0]: "bad pattern!" is not an image pattern
      policy: { users: { a: { role: admin, slack: [U1] }, b: { role: viewer, slack: [U1] } } } | policy.users.b.slack[0]: "U1" already belongs to user a
      policy: { users: { a: { role: admin, web: { login: a, passwordHash: hunter2 } } } }     | policy.users.a.web.passwordHash: not a bcrypt hash
      policy: { users: { a: { role: admin, web: { login: a } } } }                             | policy.users.a.web.passwordHash: missing
      policy: { users: { a: { role: admin, web: { login: a, passwordHash: "$2a$04$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } } } } | bcrypt cost 04 is too low (at least 10)
      notify: { events: [die, explode] }                      | 'notify.events[1]: unknown value "explode"'
      notify: { maxPerMinute: 0 }                             | notify.maxPerMinute: 0 is out of range
      web: { loginThrottle: { window: 5 } }                   | web.loginThrottle.window: a duration needs a unit
      web: { loginThrottle: { window: 1m } }                  | web.loginThrottle.window: must be at least maxBackoff
      web: { loginThrottle: { maxFailures: 9, maxFailuresPerAddress: 3 } } | web.loginThrottle.maxFailuresPerAddress: must be at least maxFailures (9)
      web: { maxStreamsPerUser: 0 }                           | web.maxStreamsPerUser: 0 is out of range
      web: { terminal: { maxPerUser: 0 } }                    | web.terminal.maxPerUser: 0 is out of range
      web: { terminal: { idleTimeout: 0s } }                  | web.terminal.idleTimeout: must be longer than 0s
      web: { terminal: { idle: 5m } }                         | web.terminal
      web: { publicUrl: "https://b.example/console" }         | web.publicUrl: "https://b.example/console" is not an origin
      web: { publicUrl: "javascript:x" }                      | web.publicUrl: "javascript:x" is not an origin
      'server: { host: [unclosed'                             | not valid YAML
      'server: { port: 1, port: 2 }'                          | Duplicate field 'port'
      """)
  void badConfigurationNamesThePathTheReasonAndTheKnownValues(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }

  @Test
  void publicUrlIsTheConsolesOriginWithOrWithoutATrailingSlash() {
    assertThat(parse("web: { publicUrl: \"https://berth.example.com/\", maxStreamsPerUser: 3 }").web())
        .satisfies(w -> {
          assertThat(w.publicUrl()).hasToString("https://berth.example.com");
          assertThat(w.maxStreamsPerUser()).isEqualTo(3);
        });
  }

  @Test
  void terminalIdleTimeoutAndCapAreRead() {
    assertThat(parse("web: { terminal: { idleTimeout: 90s, maxPerUser: 2 } }").web().terminal())
        .isEqualTo(new WebSettings.Terminal(Duration.ofSeconds(90), 2));
  }

  @Test
  void auditCheckpointAndWitnessSettingsAreRead() {
    BerthConfig c = parse("data: { dir: /var/berth }\naudit: { checkpoint: { every: 50, interval: 10s }, witness: { file: /mnt/w.jsonl } }");
    assertThat(c.audit().checkpointEvery()).isEqualTo(50);
    assertThat(c.audit().checkpointInterval()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(c.audit().witnessFile()).isEqualTo(Path.of("/mnt/w.jsonl"));
    assertThat(c.audit().signingKeyFile(c.data())).isEqualTo(Path.of("/var/berth/audit-signing.key"));
    assertThatThrownBy(() -> parse("audit: { checkpoint: { every: 0 } }")).hasMessageContaining("audit.checkpoint.every");
    assertThatThrownBy(() -> parse("audit: { checkpoint: { interval: 0s } }")).hasMessageContaining("audit.checkpoint.interval");
  }

  @Test
  void chatWitnessesNameAnyPlatformAndAChannelIdAndBadEntriesNameTheirKey() {
    BerthConfig c = parse("audit: { witness: { chat: [ { platform: slack, channel: C0AUDIT1 },"
        + " { platform: discord, channel: \"123456789012345678\" } ] } }");
    assertThat(c.audit().chatWitnesses()).containsExactly(new AuditSettings.ChatWitness("slack", "C0AUDIT1"),
        new AuditSettings.ChatWitness("discord", "123456789012345678"));
    assertThat(ConfigPrinter.print(c)).contains("C0AUDIT1");
    assertThat(parse("").audit().chatWitnesses()).isEmpty();
    assertThatThrownBy(() -> parse("audit: { witness: { chat: [ { platform: Slack!, channel: C1 } ] } }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("audit.witness.chat[0].platform");
    assertThatThrownBy(() -> parse("audit: { witness: { chat: [ { platform: slack, channel: \"#ops\" } ] } }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("audit.witness.chat[0].channel");
    assertThatThrownBy(() -> parse("audit: { witness: { chat: [ { platform: slack } ] } }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("audit.witness.chat[0].channel");
  }

  @Test
  void thePostgresStoreIsReadWithItsPasswordFromTheEnvironmentOnly() {
    assertThat(parse("").audit().store()).isEqualTo(AuditSettings.Store.SQLITE);
    BerthConfig c = ConfigLoader.parse("audit: { store: postgres, postgres: { url: \"jdbc:postgresql://db:5432/berth\","
        + " user: ops, lockTimeout: 2s } }", java.util.Map.of("BERTH_AUDIT_PG_PASSWORD", "s3cret"));
    assertThat(c.audit().store()).isEqualTo(AuditSettings.Store.POSTGRES);
    assertThat(c.audit().postgres().url()).isEqualTo("jdbc:postgresql://db:5432/berth");
    assertThat(c.audit().postgres().user()).isEqualTo("ops");
    assertThat(c.audit().postgres().lockTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
    assertThat(c.audit().postgres().password().reveal()).isEqualTo("s3cret");
    assertThat(ConfigPrinter.print(c)).doesNotContain("s3cret").contains("BERTH_AUDIT_PG_PASSWORD");
    assertThatThrownBy(() -> parse("audit: { store: postgres }"))
        .hasMessage("audit.postgres.url: required when audit.store is postgres (e.g. jdbc:postgresql://HOST:5432/berth)");
    assertThatThrownBy(() -> parse("audit: { store: mysql }")).hasMessageContaining("audit.store");
    assertThatThrownBy(() -> parse("audit: { postgres: { url: \"postgres://db/berth\" } }"))
        .hasMessageContaining("audit.postgres.url: not a PostgreSQL JDBC URL");
    assertThatThrownBy(() -> parse("audit: { postgres: { url: \"jdbc:postgresql://db/berth?user=a&Password=x\" } }"))
        .hasMessageContaining("audit.postgres.url: secrets cannot be written in the YAML file");
    assertThatThrownBy(() -> parse("audit: { postgres: { password: x } }"))
        .hasMessageContaining("audit.postgres.password: secrets cannot be written in the YAML file");
  }

  @Test
  void customRolesAreKnownToUsers() {
    BerthConfig c = parse("policy: { roles: { deployer: [ps, run] }, users: { d: { role: deployer } } }");
    assertThat(c.policy().users().get("d").role()).isEqualTo("deployer");
    assertThatThrownBy(() -> parse("policy: { roles: { deployer: [ps] }, users: { d: { role: deploy } } }"))
        .hasMessage("policy.users.d.role: unknown role \"deploy\" (known: viewer, operator, admin, deployer)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      web: { sessionKey: k }                     | web.sessionKey: secrets cannot be written
      """)
  void literalSecretsAreRejectedNamingTheKey(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc123").doesNotContain("xoxb-1"));
  }

  @Test
  void environmentFillsDockerHost() {
    BerthConfig c = ConfigLoader.parse("", Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"));
    assertThat(c.engine().primary().host()).isEqualTo("tcp://127.0.0.1:2375");
  }

  @Test
  void missingFileIsAnError(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yml"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no such configuration file");
  }

  @ParameterizedTest
  @CsvSource({"90s,PT1M30S", "2m,PT2M", "1h30m,PT1H30M", "500ms,PT0.5S", "1d,PT24H"})
  void durationsReadAsTyped(String text, String iso) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
    assertThat(DurationText.parse(DurationText.format(Duration.parse(iso)))).isEqualTo(Duration.parse(iso));
  }
}
