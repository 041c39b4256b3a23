package io.berth.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.command.DockerRequest;
import io.berth.core.config.ConfigLoader;
import io.berth.core.config.PolicySettings;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfiguredPolicyTest {
  static final PicocliCommandLanguage LANGUAGE = new PicocliCommandLanguage();
  static final PolicySettings SETTINGS = ConfigLoader.parse("""
      policy:
        roles: { deployer: [ps, logs, run] }
        users:
          vera: { role: viewer, slack: [U_V], discord: ["100"], cli: [vera] }
          otto: { role: operator, slack: [U_O] }
          ada:  { role: admin, slack: [U_A], cli: [root] }
          dee:  { role: deployer, slack: [U_D] }
          lab:  { role: admin, slack: [U_L], scope: { labels: { team: pay } } }
          nam:  { role: admin, slack: [U_N], scope: { names: ["pay-*", "web"] } }
          local: { role: viewer, cli: ["*"] }
      """, Map.of()).policy();
  static final ConfiguredPolicy POLICY = new ConfiguredPolicy(SETTINGS);

  static final ContainerSummary WEB = container("web", Map.of());
  static final ContainerSummary PROTECTED_DB = container("db", Map.of("berth.protected", "true"));

  static ContainerSummary container(String name, Map<String, String> labels) {
    return new ContainerSummary(name + "-id", name, "img:1", "running", "Up", List.of(), Instant.EPOCH, labels);
  }

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  static Decision decide(String user, String role, String text) {
    DockerRequest r = LANGUAGE.parse(text);
    Optional<ContainerSummary> target = r.containers().isEmpty() ? Optional.empty() : Optional.of(WEB);
    return POLICY.decide(new BerthUser(user, role), slack("U?"), r, target);
  }

  /**
   * Who may run what by default: the role table written out in docs/commands.md (not computed, so
   * a change to the roles shows up there), checked here against the policy's real decisions.
   */
  static final List<String[]> MATRIX = documentedMatrix();

  static List<String[]> documentedMatrix() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "docs", "commands.md")).stream()
          .filter(l -> l.matches("\\| `[a-z][a-z -]*` \\|( ✓ \\|| \\|){3}.*"))
          .map(l -> {
            String[] c = l.split("\\|", -1);
            String command = c[1].strip().replace("`", "");
            boolean confirm = c[5].contains("yes");
            String[] row = new String[4];
            row[0] = command;
            for (int i = 0; i < 3; i++) row[i + 1] = !c[2 + i].contains("✓") ? "no" : confirm ? "confirm" : "yes";
            return row;
          }).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A representative request per command: the catalog's own probe (container commands get WEB as target). */
  static DockerRequest sample(String command) {
    return io.berth.core.command.Catalog.byName(command).orElseThrow().probe();
  }

  static Stream<Arguments> roleByCommand() {
    List<Arguments> out = new ArrayList<>();
    String[] roles = {"viewer", "operator", "admin"};
    for (String[] row : MATRIX) {
      for (int i = 0; i < roles.length; i++) out.add(Arguments.of(roles[i], row[0], row[i + 1]));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("roleByCommand")
  void everyBuiltInRoleByEveryCommand(String role, String command, String expected) {
    DockerRequest r = sample(command);
    Decision d = POLICY.decide(new BerthUser("someone", role), slack("U?"), r,
        r.containers().isEmpty() ? Optional.empty() : Optional.of(WEB));
    String needed = MATRIX.stream().filter(row -> row[0].equals(command)).findFirst()
        .map(row -> row[2].equals("no") ? "admin" : "operator").orElseThrow();
    switch (expected) {
      case "yes" -> assertThat(d).isEqualTo(Decision.ALLOW);
      case "confirm" -> assertThat(d).isInstanceOf(Decision.Confirm.class);
      default -> assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> assertThat(deny.reason())
          .contains("has role " + role).contains("may not run " + command)
          .contains("needs role " + needed));
    }
  }

  @Test
  void theMatrixCoversEveryCommand() {
    assertThat(roleByCommand().map(a -> (String) a.get()[1]).distinct().toList())
        .containsExactlyInAnyOrderElementsOf(PicocliCommandLanguage.commands());
  }

  @ParameterizedTest
  @CsvSource({"ps,true", "logs,true", "run,true", "start,false", "rm,false", "pull,false"})
  void customRoleIsItsListOfCommands(String command, boolean allowed) {
    DockerRequest r = sample(command);
    Decision d = POLICY.decide(new BerthUser("dee", "deployer"), slack("U?"), r,
        r.containers().isEmpty() ? Optional.empty() : Optional.of(WEB));
    assertThat(d instanceof Decision.Deny).isEqualTo(!allowed);
  }

  @Test
  void undefinedRoleIsDenied() {
    assertThat(decide("x", "ghost", "ps")).isInstanceOfSatisfying(Decision.Deny.class,
        d -> assertThat(d.reason()).contains("\"ghost\", which is not defined"));
  }

  @ParameterizedTest(name = "{0}:{1} -> {2}")
  @CsvSource({
      "SLACK,U_V,vera", "SLACK,U_A,ada", "DISCORD,100,vera", "CLI,vera,vera", "CLI,root,ada",
      "CLI,someone-else,local"})
  void identitiesMapToBerthUsers(Source source, String id, String user) {
    assertThat(POLICY.identify(new Caller(source, id, null, null))).map(BerthUser::name).contains(user);
  }

  @ParameterizedTest(name = "{0}:{1}")
  @CsvSource(delimiter = '|', textBlock = """
      SLACK   | U_NEW | add "U_NEW" to policy.users.<name>.identities.slack in config/berth.yml
      DISCORD | 999   | add "999" to policy.users.<name>.identities.discord in config/berth.yml
      matrix  | @x:y  | add "@x:y" to policy.users.<name>.identities.matrix in config/berth.yml
      WEB     | bob   | policy.users.<name>.identities.web: { login: "bob"
      """)
  void unknownIdentitiesAreToldWhatToAdd(Source source, String id, String hint) {
    Caller c = new Caller(source, id, null, null);
    assertThat(POLICY.identify(c)).isEmpty();
    assertThat(POLICY.enrollmentHint(c)).contains(hint);
  }

  /** A platform the core has never heard of: identities and channels by its name, nothing to add in core. */
  @ParameterizedTest(name = "{0}:{1}@{2}/{3} -> {4}")
  @CsvSource(delimiter = '|', textBlock = """
      matrix  | @ann:ex.org | ex.org  | !ops   | ann
      matrix  | @ann:ex.org | ex.org  | !other | denied: matrix channel !other; allowed channels are listed in policy.channels.matrix.channels
      matrix  | @bob:ex.org | ex.org  | !ops   | unknown
      teams   | @ann:ex.org | ex.org  | !ops   | unknown
      slack   | U_ANN       | T1      | C1     | ann
      slack   | @ann:ex.org | T1      | C1     | unknown
      """)
  void aNewPlatformMapsIdentitiesAndChannelsByItsName(String platform, String id, String workspace, String channel,
      String expected) {
    ConfiguredPolicy p = new ConfiguredPolicy(ConfigLoader.parse("""
        policy:
          users: { ann: { role: viewer, identities: { matrix: ["@ann:ex.org"], slack: [U_ANN] } } }
          channels: { matrix: { workspaces: [ex.org], channels: ["!ops"] } }
        """, Map.of()).policy());
    Caller c = new Caller(Source.of(platform), id, null, new Location(workspace, channel, null));
    Optional<BerthUser> user = p.identify(c);
    if (expected.equals("unknown")) {
      assertThat(user).isEmpty();
      return;
    }
    assertThat(user).map(BerthUser::name).contains("ann");
    Decision d = p.decide(user.get(), c, LANGUAGE.parse("ps"), Optional.empty());
    if (expected.equals("ann")) assertThat(d).isEqualTo(Decision.ALLOW);
    else assertThat(d).isInstanceOfSatisfying(Decision.Deny.class,
        deny -> assertThat(deny.reason()).contains(expected.substring("denied: ".length())));
  }

  @Test
  void cliWithoutWildcardUserIsUnknown() {
    ConfiguredPolicy p = new ConfiguredPolicy(ConfigLoader.parse("policy: { users: { a: { role: admin, cli: [alice] } } }",
        Map.of()).policy());
    Caller c = new Caller(Source.CLI, "mallory", null, null);
    assertThat(p.identify(c)).isEmpty();
    assertThat(p.enrollmentHint(c)).contains("add \"mallory\" to policy.users.<name>.identities.cli");
  }

  static final ConfiguredPolicy FENCED = new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users: { ada: { role: admin, slack: [U_A], discord: ["1"] } }
        channels: { slack: [C_OK], discord: { guilds: [G_OK], channels: [X_OK, X_TOO] } }
      """, Map.of()).policy());

  @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      SLACK   | T1   | C_OK  | allow
      SLACK   | T1   | C_BAD | slack channel C_BAD; allowed channels are listed in policy.channels.slack.channels
      SLACK   |      |       | slack channel (direct message)
      DISCORD | G_OK | X_OK  | allow
      DISCORD | G_OK | X_TOO | allow
      DISCORD | G_NO | X_OK  | discord workspace G_NO; allowed workspaces are listed in policy.channels.discord.workspaces
      DISCORD | G_OK | X_NO  | discord channel X_NO; allowed channels are listed in policy.channels.discord.channels
      matrix  | any  | any   | allow
      WEB     |      | C_BAD | allow
      CLI     |      | C_BAD | allow
      """)
  void chatCommandsAreAcceptedOnlyInAllowlistedChannels(Source source, String workspace, String channel, String expected) {
    Caller c = new Caller(source, "x", null, new Location(workspace, channel, null));
    Decision d = FENCED.decide(new BerthUser("ada", "admin"), c, LANGUAGE.parse("ps"), Optional.empty());
    if (expected.equals("allow")) assertThat(d).isEqualTo(Decision.ALLOW);
    else assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> assertThat(deny.reason()).contains(expected));
  }

  @Test
  void wildcardChannelsAllowAnywhere() {
    Caller c = new Caller(Source.DISCORD, "x", null, new Location("any-guild", "any-channel", null));
    assertThat(POLICY.decide(new BerthUser("vera", "viewer"), c, LANGUAGE.parse("ps"), Optional.empty())).isEqualTo(Decision.ALLOW);
  }

  @ParameterizedTest(name = "{0} sees {1}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      lab | pay-api | team=pay   | true
      lab | pay-api | team=ops   | false
      lab | web     |            | false
      nam | pay-api |            | true
      nam | /pay-db |            | true
      nam | web     |            | true
      nam | webby   |            | false
      ada | anything| team=ops   | true
      """)
  void scopeByLabelAndByName(String user, String name, String label, boolean inScope) {
    Map<String, String> labels = label == null ? Map.of() : Map.of(label.split("=")[0], label.split("=")[1]);
    BerthUser u = new BerthUser(user, "admin");
    ContainerSummary c = container(name, labels);
    assertThat(POLICY.inScope(u, c)).isEqualTo(inScope);
    Decision d = POLICY.decide(u, slack("U"), LANGUAGE.parse("stop " + name), Optional.of(c));
    assertThat(d instanceof Decision.Deny).isEqualTo(!inScope);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      lab | run -l team=pay img:1        | allow
      lab | run img:1                    | may only create containers labelled team=pay; add -l team=pay
      nam | run --name pay-x img:1       | allow
      nam | run --name other img:1       | may only create containers named pay-* or web
      """)
  void scopedUsersCanOnlyCreateContainersInTheirScope(String user, String text, String expected) {
    Decision d = POLICY.decide(new BerthUser(user, "admin"), slack("U"), LANGUAGE.parse(text), Optional.empty());
    if (expected.equals("allow")) assertThat(d).isEqualTo(Decision.ALLOW);
    else assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> assertThat(deny.reason()).contains(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      run --privileged img:1             | allowPrivileged | --privileged is not allowed
      run -v /etc:/host-etc img:1        | allowBindMounts | bind mount of host path /etc
      run -v ./src:/src img:1            | allowBindMounts | bind mount of host path ./src
      run --network host img:1           | allowHostNamespaces | --network host is not allowed
      run --pid host img:1               | allowHostNamespaces | --pid host
      run --ipc=host img:1               | allowHostNamespaces | --ipc host
      run --cap-add NET_ADMIN img:1      | allowCapabilities | --cap-add NET_ADMIN
      run --device /dev/kvm img:1        | allowDevices | --device /dev/kvm
      """)
  void eachRunGuardRefusesUnlessAllowed(String text, String setting, String reason) {
    BerthUser admin = new BerthUser("ada", "admin");
    Decision strict = POLICY.decide(admin, slack("U_A"), LANGUAGE.parse(text), Optional.empty());
    assertThat(strict).isInstanceOfSatisfying(Decision.Deny.class,
        d -> assertThat(d.reason()).contains(reason).contains("policy.run." + setting));
    ConfiguredPolicy relaxed = new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin } }, run: { " + setting + ": true } }", Map.of()).policy());
    assertThat(relaxed.decide(admin, slack("U_A"), LANGUAGE.parse(text), Optional.empty())).isEqualTo(Decision.ALLOW);
  }

  @Test
  void namedVolumesAndBridgeNetworksNeedNoPermission() {
    Decision d = POLICY.decide(new BerthUser("ada", "admin"), slack("U_A"),
        LANGUAGE.parse("run -v data:/data --network bridge img:1"), Optional.empty());
    assertThat(d).isEqualTo(Decision.ALLOW);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"localhost:5000/web:1,true", "localhost:5000/team/web,true", "nginx,true", "nginx:1.27,true",
      "docker.io/library/nginx:1,false", "evil/nginx:1,false", "localhost:5001/web:1,false"})
  void imageAllowlistGlobs(String image, boolean allowed) {
    ConfiguredPolicy p = new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin } }, run: { images: [\"localhost:5000/*\", \"nginx:*\"] } }", Map.of()).policy());
    Decision d = p.decide(new BerthUser("ada", "admin"), slack("U"), LANGUAGE.parse("run " + image), Optional.empty());
    assertThat(d instanceof Decision.Allow).isEqualTo(allowed);
    if (!allowed) {
      assertThat(((Decision.Deny) d).reason()).contains("image " + image + " does not match the allowed images");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      pull localhost:5000/web:1          | true
      pull nginx                         | true
      pull evil/nginx:1                  | false
      pull localhost:5001/web            | false
      build -t localhost:5000/app:2 ctx  | true
      build -t evil/app:2 ctx            | false
      build -t app ctx                   | false
      """)
  void imageAllowlistAppliesToPullAndBuildTags(String text, boolean allowed) {
    ConfiguredPolicy p = new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin } }, run: { images: [\"localhost:5000/*\", \"nginx:*\"] } }", Map.of()).policy());
    DockerRequest request = LANGUAGE.parse(text);
    Decision d = p.decide(new BerthUser("ada", "admin"), slack("U"), request, Optional.empty());
    assertThat(d instanceof Decision.Allow).as("%s", d).isEqualTo(allowed);
    if (!allowed) {
      assertThat(((Decision.Deny) d).reason())
          .startsWith(request.action() + ": image " + request.target() + " does not match the allowed images");
    }
  }

  @Test
  void everyTagOfABuildMeetsTheImageAllowlist() {
    ConfiguredPolicy p = new ConfiguredPolicy(ConfigLoader.parse(
        "policy: { users: { ada: { role: admin } }, run: { images: [\"localhost:5000/*\"] } }", Map.of()).policy());
    BerthUser ada = new BerthUser("ada", "admin");
    assertThat(p.decide(ada, slack("U"), LANGUAGE.parse("build -t localhost:5000/a:1 -t localhost:5000/a:2 ctx"), Optional.empty()))
        .isInstanceOf(Decision.Allow.class);
    Decision d = p.decide(ada, slack("U"), LANGUAGE.parse("build -t localhost:5000/a:1 -t evil/a:1 ctx"), Optional.empty());
    assertThat(d).isInstanceOfSatisfying(Decision.Deny.class,
        deny -> assertThat(deny.reason()).startsWith("build: image evil/a:1 does not match the allowed images"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', textBlock = """
      rm web          | web | This will remove container web.
      rm -f web       | web | This will remove container web, killing it if it is running.
      exec web ls -l  | web | This will run "ls -l" inside container web.
      rmi img:1       |     | This will remove image img:1.
      stop db         | db  | This will stop container db. Container db is protected (label berth.protected=true)
      restart db      | db  | This will restart container db. Container db is protected
      start db        | db  | This will start container db. Container db is protected
      rm db           | db  | This will remove container db. Container db is protected
      """)
  void confirmationIsNeededForDestructiveCommandsAndProtectedContainers(String text, String target, String prompt) {
    Optional<ContainerSummary> t = target == null ? Optional.empty() : Optional.of(target.equals("db") ? PROTECTED_DB : WEB);
    Decision d = POLICY.decide(new BerthUser("ada", "admin"), slack("U_A"), LANGUAGE.parse(text), t);
    assertThat(d).isInstanceOfSatisfying(Decision.Confirm.class, c -> assertThat(c.prompt()).contains(prompt));
  }

  @ParameterizedTest
  @CsvSource({"stop web,web", "logs db,db", "inspect db,db", "restart web,web"})
  void otherCommandsRunWithoutConfirmation(String text, String target) {
    Optional<ContainerSummary> t = Optional.of(target.equals("db") ? PROTECTED_DB : WEB);
    assertThat(POLICY.decide(new BerthUser("ada", "admin"), slack("U_A"), LANGUAGE.parse(text), t)).isEqualTo(Decision.ALLOW);
  }

  @Test
  void protectedLabelMustBeTrue() {
    ContainerSummary c = container("db", Map.of("berth.protected", "false"));
    assertThat(POLICY.decide(new BerthUser("ada", "admin"), slack("U_A"), LANGUAGE.parse("stop db"), Optional.of(c)))
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void nobodyConfirmsForOthersUnlessTheConfigurationSaysSo() {
    assertThat(POLICY.canConfirmForOthers(new BerthUser("ada", "admin"))).isFalse();
    assertThat(POLICY.canConfirmForOthers(new BerthUser("otto", "operator"))).isFalse();
    assertThat(POLICY.canConfirmForOthers(new BerthUser("dee", "deployer"))).isFalse();
  }
}
