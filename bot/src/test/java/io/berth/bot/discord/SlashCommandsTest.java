package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import gnu.trove.map.hash.TLongObjectHashMap;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Rm;
import java.util.HashMap;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {
  private static Map<String, OptionMapping> options(Object... kv) {
    Map<String, OptionMapping> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      int type = v instanceof Boolean ? 5 : v instanceof Integer ? 4 : 3;
      DataObject data = DataObject.empty().put("name", kv[i]).put("type", type).put("value", v);
      m.put((String) kv[i], new OptionMapping(data, new TLongObjectHashMap<>(), null, null));
    }
    return m;
  }

  @Test
  void containerSubcommandsBecomeTypedRequests() {
    assertThat(SlashCommands.translate("ps", options("all", true)::get))
        .isEqualTo(new SlashCommands.Typed(new Ps(true, java.util.List.of())));
    assertThat(SlashCommands.translate("logs", options("container", "web", "tail", 20)::get))
        .isEqualTo(new SlashCommands.Typed(new Logs("web", 20, null, false)));
    assertThat(SlashCommands.translate("rm", options("container", "web")::get))
        .isEqualTo(new SlashCommands.Typed(new Rm("web", false, false)));
  }

  @Test
  void freeFormSubcommandsGoThroughTheSharedLanguageAsText() {
    SlashCommands.Invocation run = SlashCommands.translate("run", options("image", "nginx:1.27", "options", "-d \u2014name web")::get);
    // Chat typography (the em dash a client made of "--") is undone once, by the shared parser.
    assertThat(run).isEqualTo(new SlashCommands.Text("run -d \u2014name web nginx:1.27"));
    assertThat(new io.berth.core.language.PicocliCommandLanguage().parse(((SlashCommands.Text) run).text()))
        .isInstanceOfSatisfying(io.berth.core.command.Run.class, r -> assertThat(r.name()).isEqualTo("web"));
    assertThat(SlashCommands.translate("exec", options("container", "web", "command", "ls /")::get))
        .isEqualTo(new SlashCommands.Text("exec web ls /"));
    assertThat(SlashCommands.translate("cmd", options("text", "`ps -a`")::get))
        .isEqualTo(new SlashCommands.Text("ps -a"));
  }

  @Test
  void everyOneWordCatalogCommandIsASubcommandAndUntypedOnesGoThroughTheParser() {
    var subs = SlashCommands.definition().toData().getArray("options");
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < subs.length(); i++) {
      var option = subs.getObject(i);
      if (!option.hasKey("options") || option.getInt("type") != 2) {
        names.add(option.getString("name"));
        continue;
      }
      // a group: "/docker container pause" reaches the command that "container pause" parses to
      var inner = option.getArray("options");
      for (int j = 0; j < inner.length(); j++) {
        assertThat(inner.length()).isLessThanOrEqualTo(25);
        names.add(io.berth.core.command.ManagementForms.normalize(
            java.util.List.of(option.getString("name"), inner.getObject(j).getString("name"))).get(0));
      }
    }
    assertThat(names).containsAll(io.berth.core.command.Catalog.names()).contains("cmd");
    assertThat(SlashCommands.translate("container pause", options("args", "web")::get))
        .isEqualTo(new SlashCommands.Text("container pause web"));
    assertThat(SlashCommands.translate("cmd", options("text", "network ls -q")::get))
        .isEqualTo(new SlashCommands.Text("network ls -q"));
    assertThat(SlashCommands.translate("build", options("args", "-t app:1 app")::get))
        .isEqualTo(new SlashCommands.Text("build -t app:1 app"));
    assertThat(SlashCommands.translate("audit", options()::get)).isEqualTo(new SlashCommands.Text("audit"));
  }

  @Test
  void definitionFitsDiscordsLimits() {
    var data = SlashCommands.definition().toData();
    var subs = data.getArray("options");
    assertThat(subs.length()).isLessThanOrEqualTo(25);
    for (int i = 0; i < subs.length(); i++) {
      assertThat(subs.getObject(i).getString("description").length()).isBetween(1, 100);
    }
  }
}
