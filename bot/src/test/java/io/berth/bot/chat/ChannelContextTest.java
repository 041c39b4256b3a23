package io.berth.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditOutcome;
import io.berth.core.config.ConfigLoader;
import io.berth.core.engine.ContainerEngine;
import io.berth.core.engine.Engines;
import io.berth.core.language.PicocliCommandLanguage;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.policy.ConfiguredPolicy;
import io.berth.core.render.PlainTextRenderer;
import io.berth.core.result.ProgressListener;
import io.berth.core.service.CommandService;
import io.berth.core.service.CoreLimits;
import io.berth.core.testing.InMemoryAuditTrail;
import io.berth.core.testing.RecordingContainerEngine;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chat channel bound to a context (engine.channelContexts): typed commands and buttons pressed there run in it,
 * through the conversation every platform shares (parse, authorize, execute, reply).
 */
class ChannelContextTest {
  final RecordingContainerEngine prod = new RecordingContainerEngine().with("aaa111", "web", "running", Map.of());
  final RecordingContainerEngine staging = new RecordingContainerEngine().with("bbb222", "web", "running", Map.of());

  final InMemoryAuditTrail audit = new InMemoryAuditTrail();

  Conversation conversation() {
    var config = ConfigLoader.parse("""
        engine:
          endpoints: [ {name: prod, host: "unix:///p.sock"}, {name: staging, host: "unix:///s.sock"} ]
          channelContexts:
            - { platform: slack, channel: C0STAGING, context: staging }
            - { platform: discord, channel: "998877", context: staging }
        policy:
          users:
            olga: { role: operator, identities: { slack: [U_O], discord: ["42"] } }
            ada: { role: admin, identities: { slack: [U_A] } }
          run:
            contexts:
              prod: { images: ["localhost:5000/*"] }
        """, Map.of());
    Map<String, ContainerEngine> byContext = new LinkedHashMap<>();
    byContext.put("prod", prod);
    byContext.put("staging", staging);
    Map<String, String> byChannel = new LinkedHashMap<>();
    config.engine().channelContexts().forEach(c -> byChannel.put(Engines.channel(c.platform(), c.channel()), c.context()));
    CommandService service = CommandService.withEngines(new PicocliCommandLanguage(), new ConfiguredPolicy(config.policy()),
        audit, new Engines(byContext, config.engine().defaultContext(), byChannel, List.of()),
        CoreLimits.DEFAULTS, Clock.systemUTC());
    return new Conversation(service, new PlainTextRenderer());
  }

  @Test
  void commandsAndButtonsInABoundChannelRunInItsContext() {
    Conversation c = conversation();
    Caller slackStaging = new Caller(Source.SLACK, "U_O", "olga", Location.channel("T1", "C0STAGING"));
    Caller discordStaging = new Caller(Source.DISCORD, "42", "olga", Location.channel("G1", "998877"));
    Caller slackElsewhere = new Caller(Source.SLACK, "U_O", "olga", Location.channel("T1", "C0OTHER"));

    c.submit(slackStaging, "stop web", ProgressListener.IGNORE);
    assertThat(staging.mutatingCalls()).containsExactly("stop bbb222");
    c.press(discordStaging, Button.Action.RESTART, "web", ProgressListener.IGNORE);
    assertThat(staging.mutatingCalls()).as("a quick action pressed there too").containsExactly("stop bbb222", "restart bbb222");
    assertThat(prod.mutatingCalls()).isEmpty();

    c.submit(slackStaging, "--context prod stop web", ProgressListener.IGNORE);
    c.press(slackStaging, Button.Action.RESTART, "prod/web", ProgressListener.IGNORE); // an alert's button names its context
    c.submit(slackElsewhere, "start web", ProgressListener.IGNORE);
    assertThat(prod.mutatingCalls()).containsExactly("stop aaa111", "restart aaa111", "start aaa111");
    assertThat(staging.mutatingCalls()).hasSize(2);
  }

  @Test
  void aRunGuardOnProdRefusesAnImageStagingAllowsAndTheAuditSaysWhere() {
    Conversation c = conversation();
    Caller ada = new Caller(Source.SLACK, "U_A", "ada", Location.channel("T1", "C0OTHER"));
    Caller adaInStaging = new Caller(Source.SLACK, "U_A", "ada", Location.channel("T1", "C0STAGING"));

    Reply refused = c.submit(ada, "--context prod run -d --name web2 nginx", ProgressListener.IGNORE);
    assertThat(refused).isInstanceOfSatisfying(Reply.Notice.class, n -> {
      assertThat(n.tone()).isEqualTo(Tone.DENIED);
      assertThat(n.text()).contains("run: image nginx does not match the allowed images [localhost:5000/*]")
          .contains("policy.run.contexts.prod.images");
    });
    assertThat(prod.mutatingCalls()).isEmpty();

    c.submit(adaInStaging, "run -d --name web2 nginx", ProgressListener.IGNORE);
    assertThat(staging.mutatingCalls()).anyMatch(call -> call.startsWith("run") || call.startsWith("create"));

    List<AuditEntry> runs = audit.entries().stream().filter(e -> e.action().equals("run")).toList();
    assertThat(runs).filteredOn(e -> e.outcome() == AuditOutcome.DENIED).singleElement().satisfies(e -> {
      assertThat(e.context()).isEqualTo("prod");
      assertThat(e.target()).as("a run targets its image").isEqualTo("nginx");
      assertThat(e.message()).contains("policy.run.contexts.prod.images");
    });
    assertThat(runs).filteredOn(e -> e.outcome() == AuditOutcome.SUCCEEDED)
        .extracting(AuditEntry::context, AuditEntry::target).containsExactly(org.assertj.core.groups.Tuple.tuple("staging", "nginx"));
  }
}
