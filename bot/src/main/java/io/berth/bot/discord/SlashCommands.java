package io.berth.bot.discord;

import io.berth.bot.chat.ChatInput;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Help;
import io.berth.core.command.Images;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Start;
import io.berth.core.command.Stats;
import io.berth.core.command.Stop;
import io.berth.core.command.Catalog;
import io.berth.core.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

/**
 * The {@code /docker} slash command: its definition and the translation of an invocation into
 * either a typed request or command text for the shared language.
 */
final class SlashCommands {
  static final String NAME = "docker";
  static final String CONTAINER = "container";
  static final String ARGS = "args";

  /** What an invocation asks for: a typed request, or text for the shared parser. */
  sealed interface Invocation permits Typed, Text {}

  record Typed(DockerRequest request) implements Invocation {}

  record Text(String text) implements Invocation {}

  private SlashCommands() {}

  /** Catalog commands with typed options here; they stay at the top level of {@code /docker}. */
  static final List<String> TYPED = List.of("ps", "logs", "start", "restart", "inspect", "stats", "stop", "rm", "images",
      "run", "exec", "pull", "help");

  /**
   * One subcommand per catalog command, then {@code cmd}. Discord allows 25 entries per level, so
   * commands docker also spells as a management form ({@code container pause}, {@code image tag},
   * {@code system df}) and that have no typed options here are grouped that way:
   * {@code /docker container pause}. Some get typed options (container autocomplete, numbers,
   * switches); every other command takes its arguments as text for the shared parser, so a command
   * added to the catalog appears here without a change.
   */
  static SlashCommandData definition() {
    List<SubcommandData> subs = new ArrayList<>();
    java.util.Map<String, SubcommandGroupData> groups = new java.util.LinkedHashMap<>();
    for (CommandSpec<?> spec : Catalog.specs()) {
      String name = Catalog.nameOf(spec);
      var form = io.berth.core.command.ManagementForms.form(name);
      if (!TYPED.contains(name) && form.isPresent()) {
        String group = form.get().get(0);
        String sub = form.get().get(1);
        groups.computeIfAbsent(group, g -> new SubcommandGroupData(g, "docker " + g + " …"))
            .addSubcommands(new SubcommandData(sub, shorten(Catalog.descriptionOf(spec)))
                .addOption(OptionType.STRING, ARGS, "Arguments as after \"docker " + group + " " + sub + "\""));
        continue;
      }
      SubcommandData sub = new SubcommandData(name, shorten(Catalog.descriptionOf(spec)));
      subs.add(switch (name) {
        case "ps" -> sub.addOption(OptionType.BOOLEAN, "all", "Include stopped containers (-a)");
        case "logs" -> container(sub).addOption(OptionType.INTEGER, "tail", "Only the last N lines");
        case "start", "restart", "inspect", "stats" -> container(sub);
        case "stop" -> container(sub).addOption(OptionType.INTEGER, "timeout", "Seconds to wait before killing");
        case "rm" -> container(sub).addOption(OptionType.BOOLEAN, "force", "Remove even if running (-f)");
        case "images" -> sub.addOption(OptionType.BOOLEAN, "all", "Include intermediate images (-a)");
        case "run" -> sub.addOption(OptionType.STRING, "image", "Image, e.g. nginx:1.27", true)
            .addOption(OptionType.STRING, "options", "docker run options, e.g. -d --name web -p 8080:80")
            .addOption(OptionType.STRING, "command", "Command and arguments for the container");
        case "exec" -> container(sub).addOption(OptionType.STRING, "command", "Command and arguments", true);
        case "pull" -> sub.addOption(OptionType.STRING, "image", "Image, e.g. nginx:1.27", true);
        case "help" -> sub.addOption(OptionType.STRING, "topic", "A command name");
        default -> sub.addOption(OptionType.STRING, ARGS, "Arguments as after \"docker " + name + "\"");
      });
    }
    subs.add(new SubcommandData("cmd", "Any command as text, e.g. ps -a --filter label=team=web")
        .addOption(OptionType.STRING, "text", "The command, without the leading docker", true));
    return Commands.slash(NAME, "Run a Docker command through Berth (permissions and audit apply)").addSubcommands(subs)
        .addSubcommandGroups(groups.values());
  }

  private static String shorten(String description) {
    return description.length() <= 100 ? description : description.substring(0, 99) + "…";
  }

  private static SubcommandData container(SubcommandData sub) {
    return sub.addOptions(new OptionData(OptionType.STRING, CONTAINER, "Container name or id", true, true));
  }

  /**
   * Translates an invocation. {@code options} looks up an option by name (null when absent), so
   * this stays testable without a live interaction.
   */
  static Invocation translate(String subcommand, Function<String, OptionMapping> options) {
    Function<String, String> str = n -> options.apply(n) == null ? null : options.apply(n).getAsString();
    Function<String, Boolean> bool = n -> options.apply(n) != null && options.apply(n).getAsBoolean();
    Function<String, Integer> num = n -> options.apply(n) == null ? null : (int) options.apply(n).getAsLong();
    String c = str.apply(CONTAINER);
    return switch (subcommand) {
      case "ps" -> new Typed(new Ps(bool.apply("all"), List.of()));
      case "logs" -> new Typed(new Logs(c, num.apply("tail"), null, false));
      case "start" -> new Typed(new Start(c));
      case "stop" -> new Typed(new Stop(c, num.apply("timeout")));
      case "restart" -> new Typed(new Restart(c, null));
      case "rm" -> new Typed(new Rm(c, bool.apply("force"), false));
      case "inspect" -> new Typed(new Inspect(c));
      case "stats" -> new Typed(new Stats(c));
      case "images" -> new Typed(new Images(bool.apply("all")));
      case "help" -> new Typed(new Help(str.apply("topic")));
      // Free-form parts go through the shared parser, the only place that tokenizes user text.
      case "run" -> new Text(join("run", str.apply("options"), str.apply("image"), str.apply("command")));
      case "exec" -> new Text(join("exec", c, str.apply("command")));
      case "pull" -> new Text(join("pull", str.apply("image")));
      case "cmd" -> new Text(ChatInput.command(str.apply("text")));
      // "container pause", "network ls": a grouped command, as docker's management form (the parser knows them)
      default -> Catalog.byName(subcommand).isPresent() || subcommand.contains(" ")
          ? new Text(join(subcommand, str.apply(ARGS))) : new Text("help");
    };
  }

  private static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p == null || p.isBlank()) continue;
      if (sb.length() > 0) sb.append(' ');
      sb.append(ChatInput.part(p));
    }
    return sb.toString();
  }
}
