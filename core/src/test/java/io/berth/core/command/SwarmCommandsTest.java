package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.language.SecretMasking;
import io.berth.core.result.Outcome;
import org.junit.jupiter.api.Test;

/** node, service and stack commands: docker's grammar, names by swarmkit's rule, the spec sent, canonical text, masking, roles. */
class SwarmCommandsTest {
  final PicocliCommandLanguage language = new PicocliCommandLanguage();
  final CommandFixture f = new CommandFixture();

  @Test
  void serviceCreateBecomesTheSpecDockerWouldSend() {
    var r = (ServiceCreate) language.parse("docker service create --name web --replicas 2 -e A=1 -p 8080:80 --label a=b "
        + "--network back --restart-condition on-failure --update-parallelism 2 --update-delay 10s --stop-signal KILL "
        + "berth-test/busybox:latest sleep 3600");
    JsonNode spec = r.service().spec();
    assertThat(spec.path("Name").asText()).isEqualTo("web");
    assertThat(spec.path("Mode").path("Replicated").path("Replicas").asInt()).isEqualTo(2);
    JsonNode c = spec.path("TaskTemplate").path("ContainerSpec");
    assertThat(c.path("Image").asText()).isEqualTo("berth-test/busybox:latest");
    assertThat(c.path("Args").toString()).isEqualTo("[\"sleep\",\"3600\"]");
    assertThat(c.path("Env").toString()).isEqualTo("[\"A=1\"]");
    assertThat(c.path("StopSignal").asText()).isEqualTo("KILL");
    assertThat(spec.path("TaskTemplate").path("RestartPolicy").path("Condition").asText()).isEqualTo("on-failure");
    assertThat(spec.path("TaskTemplate").path("Networks").toString()).isEqualTo("[{\"Target\":\"back\"}]");
    assertThat(spec.path("UpdateConfig").path("Parallelism").asInt()).isEqualTo(2);
    assertThat(spec.path("UpdateConfig").path("Delay").asLong()).isEqualTo(10_000_000_000L);
    assertThat(spec.path("UpdateConfig").path("FailureAction").asText()).isEqualTo("pause");
    assertThat(spec.path("EndpointSpec").path("Ports").toString())
        .isEqualTo("[{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}]");
    assertThat(spec.path("Labels").toString()).isEqualTo("{\"a\":\"b\"}");
  }

  @Test
  void canonicalTextParsesBackWithValuesMasked() {
    String text = "service create --name web --replicas 2 -e A=secret -p 8080:80 berth-test/busybox:latest sleep 1";
    var r = language.parse(text);
    String canonical = Catalog.bind(r).describe();
    assertThat(canonical).isEqualTo("service create --name web --replicas 2 -e A=*** -p 8080:80/tcp berth-test/busybox:latest sleep 1");
    assertThat(language.parse(canonical.replace("A=***", "A=secret"))).isEqualTo(r);
    assertThat(Catalog.bind(language.parse("service update --image busybox:2 --env-add T=x --env-rm U --force web")).describe())
        .isEqualTo("service update --image busybox:2 --env-add T=*** --env-rm U --force web");
    assertThat(Catalog.bind(language.parse("service scale web=4 api=0")).describe()).isEqualTo("service scale web=4 api=0");
    assertThat(Catalog.bind(language.parse("stack deploy -c s.yml --detach=false shop")).describe()).isEqualTo("stack deploy -c s.yml --detach=false shop");
  }

  @Test
  void servicePsAndStackPsTakeTheSameTaskFlags() {
    var service = (ServicePs) language.parse("service ps -q --no-trunc -f desired-state=running --filter node=n1 web api");
    assertThat(service).isEqualTo(new ServicePs(java.util.List.of("web", "api"), true, true,
        java.util.List.of("desired-state=running", "node=n1"), null));
    assertThat(Catalog.bind(service).describe())
        .isEqualTo("service ps -q --no-trunc --filter desired-state=running --filter node=n1 web api");
    var stack = (StackPs) language.parse("stack ps --quiet --filter name=shop_web --format {{.ID}} shop");
    assertThat(stack).isEqualTo(new StackPs("shop", true, false, java.util.List.of("name=shop_web"), "{{.ID}}"));
    assertThat(Catalog.bind(stack).describe()).isEqualTo("stack ps -q --format '{{.ID}}' --filter name=shop_web shop");
    assertThatThrownBy(() -> language.parse("stack ps --filter label=a shop")).hasMessageContaining("label");
    assertThatThrownBy(() -> language.parse("service ps --filter label=a web")).hasMessageContaining("label");
    assertThat(language.help("stack ps")).contains("--no-trunc").contains("--filter").contains("Go template, as for service ps.");
  }

  @Test
  void typedSecretsAreMaskedInTheAuditText() {
    assertThat(SecretMasking.mask("service create --name w -e PASS=s3cret busybox echo -e x=y"))
        .isEqualTo("service create --name w -e PASS=*** busybox echo -e x=y");
    assertThat(SecretMasking.mask("service update --env-add TOKEN=abc web")).isEqualTo("service update --env-add TOKEN=*** web");
    assertThat(SecretMasking.mask("service update --env-add=TOKEN=abc web")).isEqualTo("service update --env-add=TOKEN=*** web");
  }

  @Test
  void namesOutsideSwarmkitsRuleAreRefusedBeforeAnyEngineCall() {
    assertThatThrownBy(() -> language.parse("service create --name web_ busybox")).isInstanceOf(CommandSyntaxException.class)
        .hasMessageContaining("invalid service name \"web_\"");
    assertThatThrownBy(() -> language.parse("service create --name a.b busybox")).hasMessageContaining("invalid service name");
    assertThatThrownBy(() -> language.parse("service create --name " + "a".repeat(64) + " busybox"))
        .hasMessageContaining("at most 63");
    assertThatThrownBy(() -> language.parse("service ps ../x")).hasMessageContaining("bad SERVICE \"../x\"");
    assertThatThrownBy(() -> language.parse("stack rm shop.v2")).hasMessageContaining("bad STACK \"shop.v2\"");
    assertThatThrownBy(() -> language.parse("node inspect a/b")).hasMessageContaining("bad NODE");
    assertThatThrownBy(() -> language.parse("service scale web=x")).hasMessageContaining("needs a whole number");
    assertThatThrownBy(() -> language.parse("service scale web")).hasMessageContaining("invalid scale specifier \"web\"");
    assertThatThrownBy(() -> language.parse("node update --availability off n1")).hasMessageContaining("use active, pause or drain");
    assertThatThrownBy(() -> language.parse("service create --name w --restart-condition sometimes busybox"))
        .hasMessageContaining("use none, on-failure or any");
    assertThatThrownBy(() -> language.parse("service create --name w -p 10.0.0.1:80:80 busybox"))
        .hasMessageContaining("drop the address");
    assertThatThrownBy(() -> language.parse("service update web")).hasMessageContaining("needs a change");
    assertThatThrownBy(() -> language.parse("service create --name w Bad/Image")).hasMessageContaining("invalid reference format");
  }

  @Test
  void managementFormsReachTheCatalog() {
    assertThat(language.parse("service ls")).isInstanceOf(ServiceLs.class);
    assertThat(language.parse("docker node ls -q")).isEqualTo(new NodeLs(true, java.util.List.of(), null));
    assertThat(language.parse("stack services shop")).isInstanceOf(StackServices.class);
    assertThatThrownBy(() -> language.parse("service frobnicate")).hasMessageContaining("service has: create, ls");
  }

  @Test
  void rolesFollowThePermissionClass() {
    assertThat(f.submit("U_V", "service scale web=2")).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("needs role operator"));
    assertThat(f.submit("U_O", "service update --force web")).isInstanceOfSatisfying(Outcome.Denied.class,
        d -> assertThat(d.reason()).contains("needs role admin"));
    assertThat(f.submit("U_O", "node update --availability drain n1")).isInstanceOf(Outcome.Denied.class);
    assertThat(f.submit("U_A", "stack rm shop")).isInstanceOf(Outcome.ConfirmationRequired.class);
    // an engine without a Swarm API says so (the recording engine has none)
    assertThat(f.submit("U_V", "service ls")).isInstanceOfSatisfying(Outcome.Failed.class,
        x -> assertThat(x.message()).isEqualTo("this engine has no Swarm API"));
  }
}
