package io.berth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** engine.endpoints as the fleet harness writes them (scripts/fleet.sh DIR/endpoints.yml) and what is refused. */
class EndpointsConfigTest {
  @TempDir Path dir;

  private BerthConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  private Path certs() throws Exception {
    Path c = Files.createDirectories(dir.resolve("client"));
    for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) Files.writeString(c.resolve(f), "x");
    return c;
  }

  @Test
  void theHarnessFileReadsAsEveryKindOfEndpoint() throws Exception {
    Path certs = certs();
    Path id = Files.writeString(dir.resolve("id_ed25519"), "k");
    Path known = Files.writeString(dir.resolve("known_hosts"), "h");
    // the exact shape scripts/fleet.sh write_endpoints prints
    BerthConfig c = parse("""
        engine:
          endpoints:
            - name: m1
              host: unix:///tmp/f/m1/docker.sock
              labels: {fleet: "abc123", swarm: manager}
            - name: tls
              host: tcp://10.213.7.14:2376
              tls: %s
              labels: {fleet: "abc123"}
            - name: ssh
              host: ssh://root@10.213.7.15
              ssh: {identity: %s, knownHosts: %s, socket: /tmp/f/ssh/docker.sock}
              labels: {fleet: "abc123"}
        """.formatted(certs, id, known));
    EngineSettings e = c.engine();
    assertThat(e.endpoints()).extracting(EngineSettings.Endpoint::name).containsExactly("m1", "tls", "ssh");
    assertThat(e.defaultContext()).as("the first, when none is set").isEqualTo("m1");
    assertThat(e.endpoints().get(0).labels()).containsEntry("swarm", "manager").containsEntry("fleet", "abc123");
    assertThat(e.endpoints().get(1).tls()).contains(certs);
    assertThat(e.endpoints().get(2).ssh()).contains(new EngineSettings.Ssh(id, known, "/tmp/f/ssh/docker.sock"));
    assertThat(e.endpoints().get(2).host()).isEqualTo("ssh://root@10.213.7.15");
  }

  @Test
  void theDefaultContextIsChosenByName() {
    BerthConfig c = parse("""
        engine:
          defaultContext: two
          endpoints: [ {name: one, host: "unix:///a.sock"}, {name: two, host: "tcp://h:2375"} ]
        """);
    assertThat(c.engine().defaultContext()).isEqualTo("two");
    assertThat(c.engine().primary().host()).isEqualTo("tcp://h:2375");
    assertThat(c.engine().endpoint("one")).map(EngineSettings.Endpoint::host).isEqualTo(Optional.of("unix:///a.sock"));
  }

  @Test
  void aChatChannelIsBoundToAContext() {
    BerthConfig c = parse("""
        engine:
          endpoints: [ {name: one, host: "unix:///a.sock"}, {name: two, host: "tcp://h:2375"} ]
          channelContexts:
            - { platform: slack, channel: C0PROD, context: two }
            - { platform: discord, channel: "123456789", context: one }
        """);
    assertThat(c.engine().channelContexts()).containsExactly(
        new EngineSettings.ChannelContext("slack", "C0PROD", "two"),
        new EngineSettings.ChannelContext("discord", "123456789", "one"));
    assertThat(ConfigPrinter.print(c)).contains("channelContexts").contains("C0PROD");
  }

  @Test
  void badChannelContextsAreRefusedByName() {
    String endpoints = "endpoints: [ {name: aa, host: \"unix:///a\"} ], ";
    assertRefused("engine: { " + endpoints + "channelContexts: [ {platform: slack, channel: C1, context: prod} ] }",
        "engine.channelContexts[0].context: \"prod\" is not an endpoint (one of: aa)");
    assertRefused("engine: { " + endpoints + "channelContexts: [ {platform: slack, channel: \"C1/x\", context: aa} ] }",
        "engine.channelContexts[0].channel: \"C1/x\" is not a channel id");
    assertRefused("engine: { " + endpoints + "channelContexts: [ {platform: Slack!, channel: C1, context: aa} ] }",
        "engine.channelContexts[0].platform: \"Slack!\" is not a platform name");
    assertRefused("engine: { " + endpoints + "channelContexts: [ {platform: slack, channel: C1} ] }",
        "engine.channelContexts[0].context: missing");
    assertRefused("engine: { " + endpoints + "channelContexts: [ {platform: slack, channel: C1, context: aa, x: 1} ] }",
        "engine.channelContexts[0].x: unknown key");
    assertRefused("engine: { " + endpoints + "channelContexts: [ {platform: slack, channel: C1, context: aa},"
        + " {platform: slack, channel: C1, context: aa} ] }", "slack channel C1 is bound twice");
  }

  @Test
  void badEndpointsAreRefusedByName() throws Exception {
    Path certs = certs();
    assertRefused("engine: { endpoints: [ {name: -x, host: \"unix:///a\"} ] }",
        "engine.endpoints[0].name: \"-x\" is not a context name");
    assertRefused("engine: { endpoints: [ {name: all, host: \"unix:///a\"} ] }",
        "engine.endpoints[0].name: \"all\" is reserved");
    assertRefused("engine: { endpoints: [ {name: aa, host: \"unix:///a\"}, {name: aa, host: \"unix:///b\"} ] }",
        "engine.endpoints[1].name: \"aa\" is already the name of another endpoint");
    assertRefused("engine: { endpoints: [ {name: aa, host: \"unix:///a\", tlsdir: x} ] }",
        "engine.endpoints[0].tlsdir: unknown key");
    assertRefused("engine: { endpoints: [ {name: aa, host: \"unix:///a\", tls: " + certs + "} ] }",
        "engine.endpoints[0].tls: TLS client certificates are for tcp:// hosts only");
    assertRefused("engine: { endpoints: [ {name: aa, host: \"tcp://h:2376\", tls: " + dir.resolve("none") + "} ] }",
        "has no readable ca.pem");
    assertRefused("engine: { endpoints: [ {name: aa, host: \"ssh://h\"} ] }",
        "engine.endpoints[0].host: \"ssh://h\" is not a Docker host");
    assertRefused("engine: { endpoints: [ {name: aa, host: \"ssh://u@h\", ssh: {key: x}} ] }",
        "engine.endpoints[0].ssh.key: unknown key");
    assertRefused("engine: { endpoints: [ {name: aa, host: \"tcp://h:1\", ssh: {identity: x}} ] }",
        "engine.endpoints[0].ssh: ssh settings are for ssh://USER@HOST hosts only");
    assertRefused("engine: { defaultContext: c, endpoints: [ {name: aa, host: \"unix:///a\"} ] }",
        "engine.defaultContext: \"c\" is not an endpoint (one of: aa)");
  }

  private void assertRefused(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }
}
