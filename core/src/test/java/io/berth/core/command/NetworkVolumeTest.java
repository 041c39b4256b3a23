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
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.Failure;
import io.berth.core.result.Outcome;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** network ls/inspect/create/rm and volume ls/inspect/create/rm/prune: docker's grammar, names by docker's grammar, roles, scope. */
class NetworkVolumeTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
  final PicocliCommandLanguage language = new PicocliCommandLanguage(clock);
  final RecordingContainerEngine engine = new RecordingContainerEngine()
      .with("aaa111", "web", "running", Map.of("team", "pay"))
      .with("bbb222", "db", "running", Map.of("team", "ops"))
      .withVolume("web-data", Map.of(), "web")
      .withVolume("db-data", Map.of(), "db")
      .withVolume("free", Map.of())
      .withNetwork("1234567890abcdef", "backend", "bridge")
      .withNetwork("fedcba0987654321", "bridge", "bridge");
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final CommandService service = new CommandService(language, new ConfiguredPolicy(ConfigLoader.parse("""
      policy:
        users:
          vera: { role: viewer, slack: [U_V] }
          otto: { role: operator, slack: [U_O] }
          ada:  { role: admin, slack: [U_A] }
          pam:  { role: admin, slack: [U_P], scope: { labels: { team: pay } } }
      """, Map.of()).policy()), audit, engine, CoreLimits.DEFAULTS, clock);

  static Caller slack(String user) {
    return new Caller(Source.SLACK, user, user, Location.channel("T1", "C1"));
  }

  Outcome submit(String user, String text) {
    return service.submit(slack(user), text, ProgressListener.IGNORE);
  }

  String text(Outcome o) {
    return new PlainTextRenderer(clock).render(o);
  }

  @Test
  void parsesDockersManagementCommands() {
    assertThat(language.parse("network ls -q --filter name=back --filter label=a=b"))
        .isEqualTo(new NetworkLs(true, false, List.of("name=back", "label=a=b")));
    assertThat(language.parse("docker NETWORK inspect backend 1234"))
        .isEqualTo(new NetworkInspect(List.of("backend", "1234")));
    assertThat(language.parse("network create --driver bridge --subnet 10.10.0.0/24 --label team=pay --internal backend"))
        .isEqualTo(new NetworkCreate("backend", "bridge", "10.10.0.0/24", Map.of("team", "pay"), true));
    assertThat(language.parse("network rm a b")).isEqualTo(new NetworkRm(List.of("a", "b")));
    assertThat(language.parse("volume ls -q --filter dangling=true")).isEqualTo(new VolumeLs(true, List.of("dangling=true")));
    assertThat(language.parse("volume inspect data")).isEqualTo(new VolumeInspect(List.of("data")));
    assertThat(language.parse("volume create --label k=v data")).isEqualTo(new VolumeCreate("data", Map.of("k", "v")));
    assertThat(language.parse("volume create")).isEqualTo(new VolumeCreate(null, Map.of()));
    assertThat(language.parse("volume rm -f a b")).isEqualTo(new VolumeRm(true, List.of("a", "b")));
    assertThat(language.parse("volume prune -f -a --filter label=x=1")).isEqualTo(new VolumePrune(true, List.of("label=x=1")));
  }

  @Test
  void namesOutsideDockersGrammarNeverReachTheEngine() {
    assertThatThrownBy(() -> language.parse("network create bad/name")).isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining("bad network name \"bad/name\"");
    assertThatThrownBy(() -> language.parse("network rm ../../containers/x")).hasMessageContaining("bad NETWORK");
    assertThatThrownBy(() -> language.parse("network inspect /etc")).hasMessageContaining("bad NETWORK");
    assertThatThrownBy(() -> language.parse("volume create x")).hasMessageContaining("bad volume name \"x\"");
    assertThatThrownBy(() -> language.parse("volume rm a%2F..")).hasMessageContaining("bad VOLUME");
    assertThatThrownBy(() -> language.parse("volume inspect .hidden")).hasMessageContaining("bad VOLUME");
    assertThatThrownBy(() -> language.parse("network create --subnet 'x;y' n1")).hasMessageContaining("bad --subnet");
    assertThatThrownBy(() -> language.parse("network ls --filter type=custom")).hasMessageContaining("unsupported filter \"type\"");
    assertThatThrownBy(() -> language.parse("volume ls --filter dangling=maybe")).hasMessageContaining("dangling is true or false");
    assertThat(engine.calls()).isEmpty();
  }

  @Test
  void aGroupWithoutItsSubcommandSaysWhichExist() {
    assertThatThrownBy(() -> language.parse("network")).hasMessageContaining("network: name a subcommand; network has: ls, "
        + "inspect, create, rm");
    assertThatThrownBy(() -> language.parse("volume frobnicate")).hasMessageContaining("unknown command \"volume frobnicate\"; "
        + "volume has: ls, inspect, create, rm, prune");
    assertThat(language.help("network")).contains("Usage: network COMMAND", "  ls ", "  rm ");
    assertThat(language.parse("help network ls")).isEqualTo(new io.berth.core.command.Help("network ls"));
    assertThat(language.help("network ls")).contains("network ls [-q] [--no-trunc] [--format FORMAT] [--filter KEY=VALUE]...");
    assertThat(language.parse("network ls --help")).isEqualTo(new io.berth.core.command.Help("network ls"));
  }

  @Test
  void describesAsTextThatParsesBack() {
    for (DockerRequest r : List.<DockerRequest>of(new NetworkLs(true, true, List.of("driver=bridge")),
        new NetworkCreate("n1", "overlay", "10.0.0.0/8", Map.of("a", "b c"), true), new NetworkRm(List.of("n1", "n2")),
        new VolumeLs(false, List.of("label=a")), new VolumeCreate("v1", Map.of("k", "")), new VolumeRm(true, List.of("v1")),
        new VolumePrune(true, List.of("label!=keep")), new NetworkInspect(List.of("n1")), new VolumeInspect(List.of("v1")))) {
      assertThat(language.parse(language.describe(r))).isEqualTo(r);
    }
  }

  @Test
  void viewersListAndInspectOnlyAdminsCreateAndRemove() {
    assertThat(text(submit("U_V", "network ls"))).isEqualTo("""
        NETWORK ID     NAME      DRIVER    SCOPE
        1234567890ab   backend   bridge    local
        fedcba098765   bridge    bridge    local
        """);
    assertThat(text(submit("U_V", "network ls -q --no-trunc"))).isEqualTo("1234567890abcdef\nfedcba0987654321\n");
    assertThat(text(submit("U_V", "network inspect backend"))).isEqualTo("[\n    {\n        \"Name\": \"backend\"\n    }\n]\n");
    for (String admin : List.of("network create n1", "network rm backend", "volume create v1", "volume rm free", "volume prune")) {
      assertThat(submit("U_O", admin)).as(admin).isInstanceOfSatisfying(Outcome.Denied.class,
          d -> assertThat(d.reason()).contains("that needs role admin"));
    }
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("create") || c.startsWith("remove") || c.startsWith("prune"));
    assertThat(text(submit("U_A", "network create --label a=b n1"))).isEqualTo("net-n1\n");
    assertThat(engine.calls()).contains("createNetwork n1 driver=bridge subnet=null labels={a=b} internal=false");
  }

  @Test
  void networkLsFormatHasDockersNetworkContext() {
    engine.withNetwork(new io.berth.core.result.NetworkSummary("abcdef0123456789", "front", "bridge", "local",
        Map.of("team", "pay", "a", "1"), true, false, "2026-11-30T18:14:42.164936243Z"));
    assertThat(text(submit("U_V", "network ls --filter name=front --format '{{.Name}} {{.Driver}} {{.ID}} {{.IPv4}} {{.IPv6}} "
        + "{{.Internal}} {{.Labels}} {{.Label \"team\"}} {{.CreatedAt}}'")))
        .contains("front bridge abcdef012345 false true false a=1,team=pay pay 2026-11-30 18:14:42.164936243 +0000 UTC\n");
    assertThat(text(submit("U_V", "network ls --format 'table {{.Name}}\\t{{.Scope}}'"))).startsWith("""
        NAME      SCOPE
        backend   local
        """);
    assertThat(text(submit("U_V", "network ls --no-trunc --format json"))).contains("{\"CreatedAt\":\"2026-11-30 "
        + "18:14:42.164936243 +0000 UTC\",\"Driver\":\"bridge\",\"ID\":\"abcdef0123456789\",\"IPv4\":\"false\","
        + "\"IPv6\":\"true\",\"Internal\":\"false\",\"Labels\":\"a=1,team=pay\",\"Name\":\"front\",\"Scope\":\"local\"}\n");
    // docker: -q applies to the default table only; a template of one's own wins
    assertThat(text(submit("U_V", "network ls -q --format '{{.Name}}'"))).isEqualTo("backend\nbridge\nfront\n");
    NetworkLs parsed = (NetworkLs) language.parse("network ls --format '{{.Name}}'");
    assertThat(language.parse(language.describe(parsed))).isEqualTo(parsed);
    assertThatThrownBy(() -> language.parse("network ls --format '{{.Name'")).hasMessageContaining("template parsing error");
    assertThat(submit("U_V", "network ls --format '{{.Nope}}'")).isInstanceOfSatisfying(Outcome.Failed.class,
        o -> assertThat(o.message()).contains("can't evaluate field Nope"));
  }

  @Test
  void removalsAskForConfirmationAndThePredefinedNetworksAreRefusedAsDockerDoes() {
    Outcome o = submit("U_A", "network rm bridge");
    assertThat(o).isInstanceOf(Outcome.ConfirmationRequired.class);
    Outcome done = service.confirm(slack("U_A"), ((Outcome.ConfirmationRequired) o).token(), ProgressListener.IGNORE);
    assertThat(done).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
      assertThat(f.kind()).isEqualTo(Failure.CONFLICT);
      assertThat(f.message()).isEqualTo("bridge is a pre-defined network and cannot be removed");
    });
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("removeNetwork"));
    assertThat(submit("U_A", "volume rm free")).isInstanceOf(Outcome.ConfirmationRequired.class);
    assertThat(submit("U_A", "volume prune")).isInstanceOf(Outcome.ConfirmationRequired.class);
  }

  @Test
  void aVolumeAScopedUserCouldNotMountTheyCannotSeeInspectOrRemove() {
    assertThat(text(submit("U_P", "volume ls -q"))).isEqualTo("free\nweb-data\n");
    assertThat(text(submit("U_A", "volume ls -q"))).isEqualTo("db-data\nfree\nweb-data\n");
    assertThat(submit("U_P", "volume inspect db-data")).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("volume db-data belongs to a container outside what you may use"));
    Outcome o = submit("U_P", "volume rm db-data");
    Outcome done = service.confirm(slack("U_P"), ((Outcome.ConfirmationRequired) o).token(), ProgressListener.IGNORE);
    assertThat(done).isInstanceOfSatisfying(Outcome.Failed.class,
        f -> assertThat(f.message()).contains("volume rm: volume db-data belongs to a container outside what you may use"));
    assertThat(engine.calls()).noneMatch(c -> c.startsWith("removeVolume"));
    Outcome prune = submit("U_P", "volume prune -a");
    assertThat(service.confirm(slack("U_P"), ((Outcome.ConfirmationRequired) prune).token(), ProgressListener.IGNORE))
        .isInstanceOf(Outcome.Succeeded.class); // the only unused volume, "free", carries no other team's label
  }
}
