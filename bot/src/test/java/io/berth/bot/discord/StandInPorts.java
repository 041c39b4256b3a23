package io.berth.bot.discord;

import io.berth.core.audit.AuditEntry;
import io.berth.core.audit.AuditFilter;
import io.berth.core.audit.AuditRecord;
import io.berth.core.audit.AuditTrail;
import io.berth.core.audit.ExportFormat;
import io.berth.core.audit.VerifyReport;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Help;
import io.berth.core.command.Inspect;
import io.berth.core.command.Logs;
import io.berth.core.command.Ps;
import io.berth.core.command.Restart;
import io.berth.core.command.Rm;
import io.berth.core.command.Start;
import io.berth.core.command.Stop;
import io.berth.core.language.CommandLanguage;
import io.berth.core.language.CommandSyntaxException;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Source;
import io.berth.core.policy.AccessPolicy;
import io.berth.core.policy.Decision;
import io.berth.core.result.ContainerSummary;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small stand-ins for the core's own ports (language, policy, audit) used until the real
 * implementations land on main. The Docker engine is the real one where available.
 */
final class StandInPorts {
  private StandInPorts() {}

  /** Parses the handful of commands these tests type. */
  static final class Language implements CommandLanguage {
    @Override
    public DockerRequest parse(String text) {
      List<String> t = new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
      String cmd = t.remove(0);
      boolean force = t.remove("-f");
      boolean all = t.remove("-a");
      Integer tail = null;
      int i = t.indexOf("--tail");
      if (i >= 0) {
        tail = Integer.parseInt(t.get(i + 1));
        t.remove(i + 1);
        t.remove(i);
      }
      String arg = t.isEmpty() ? null : t.get(0);
      return switch (cmd) {
        case "ps" -> new Ps(all, List.of());
        case "logs" -> new Logs(need(arg, cmd), tail, null, false);
        case "rm" -> new Rm(need(arg, cmd), force, false);
        case "restart" -> new Restart(need(arg, cmd), null);
        case "start" -> new Start(need(arg, cmd));
        case "stop" -> new Stop(need(arg, cmd), null);
        case "inspect" -> new Inspect(need(arg, cmd));
        case "help" -> new Help(arg);
        default -> throw new CommandSyntaxException("unknown command \"" + cmd + "\"");
      };
    }

    private static String need(String arg, String cmd) {
      if (arg == null) throw new CommandSyntaxException(cmd + " needs a CONTAINER");
      return arg;
    }

    @Override
    public String help(String topic) {
      return "usage: ps | logs | rm | restart";
    }

    @Override
    public String mask(String text) {
      return text;
    }

    @Override
    public String describe(DockerRequest r) {
      return (r.action() + " " + r.target()).strip();
    }
  }

  /** Discord users by id; admins may do anything, viewers only read; rm needs confirmation. */
  static final class Policy implements AccessPolicy {
    private final Map<String, BerthUser> discordUsers;

    Policy(Map<String, BerthUser> discordUsers) {
      this.discordUsers = Map.copyOf(discordUsers);
    }

    @Override
    public Optional<BerthUser> identify(Caller caller) {
      return caller.source() == Source.DISCORD ? Optional.ofNullable(discordUsers.get(caller.platformUserId())) : Optional.empty();
    }

    @Override
    public String enrollmentHint(Caller caller) {
      return "Add discord: [\"" + caller.platformUserId() + "\"] to a user in policy.users.";
    }

    @Override
    public Decision decide(BerthUser user, Caller caller, DockerRequest request, Optional<ContainerSummary> target) {
      boolean reads = List.of("ps", "logs", "inspect", "stats", "images", "help").contains(request.action());
      if (!reads && !user.role().equals("admin")) return new Decision.Deny("role " + user.role() + " may not " + request.action());
      if (request.action().equals("rm")) return new Decision.Confirm("Remove container " + target.map(ContainerSummary::name).orElse(request.target()) + "?");
      return Decision.ALLOW;
    }

    @Override
    public boolean inScope(BerthUser user, ContainerSummary container) {
      return "true".equals(container.labels().get("berth.test"));
    }

    @Override
    public boolean canConfirmForOthers(BerthUser user) {
      return user.role().equals("admin");
    }
  }

  /** Keeps entries in memory, in order. */
  static final class Audit implements AuditTrail {
    final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void append(AuditEntry entry) {
      entries.add(entry);
    }

    @Override
    public List<AuditRecord> query(AuditFilter filter, int limit) {
      List<AuditRecord> out = new ArrayList<>();
      for (int i = entries.size() - 1; i >= 0 && out.size() < limit; i--) out.add(new AuditRecord(i + 1, entries.get(i), "", ""));
      return out;
    }

    @Override
    public void export(AuditFilter filter, ExportFormat format, Writer out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public VerifyReport verify() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int closeInterrupted() {
      return 0;
    }

    @Override
    public boolean writable() {
      return true;
    }

    @Override
    public void close() {}
  }
}
