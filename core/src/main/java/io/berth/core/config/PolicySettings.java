package io.berth.core.config;

import io.berth.core.command.Catalog;
import io.berth.core.command.Permission;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what, where: custom roles, users and their identities, chat channel allowlists,
 * guards on {@code run}, and which commands need confirmation.
 */
public record PolicySettings(
    Map<String, List<String>> roles,
    Map<String, User> users,
    Channels channels,
    RunGuards run,
    Confirm confirm) {

  /** Every command name the language knows, in help order (from the command catalog). */
  public static final List<String> KNOWN_COMMANDS = Catalog.names();

  /** Built-in roles, one per permission class; each includes the one before it (from the command catalog). */
  public static final Map<String, Set<String>> BUILT_IN_ROLES = builtIns();

  public static final PolicySettings DEFAULTS = new PolicySettings(
      Map.of(),
      Map.of("local", new User("admin", List.of(), List.of(), null, List.of("*"), Scope.NONE)),
      Channels.DEFAULTS, RunGuards.DEFAULTS, Confirm.DEFAULTS);

  public PolicySettings {
    roles = Map.copyOf(roles);
    users = Map.copyOf(users);
  }

  /** Built-in and custom role names. */
  public Set<String> roleNames() {
    Set<String> names = new java.util.TreeSet<>(BUILT_IN_ROLES.keySet());
    names.addAll(roles.keySet());
    return names;
  }

  private static Map<String, Set<String>> builtIns() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (Permission p : Permission.values()) m.put(p.role(), Set.copyOf(Catalog.namesUpTo(p)));
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A Berth user: role plus the identities that are this person. {@code cli} holds OS user names
   * ({@code "*"} = anyone at the machine's console); {@code web} may be null (no console login).
   */
  public record User(
      String role, List<String> slack, List<String> discord, WebLogin web, List<String> cli, Scope scope) {
    public User {
      slack = List.copyOf(slack);
      discord = List.copyOf(discord);
      cli = List.copyOf(cli);
      scope = scope == null ? Scope.NONE : scope;
    }
  }

  /** A console login; {@code passwordHash} is bcrypt ({@code $2a$}/{@code $2b$}/{@code $2y$}, cost ≥ 10). */
  public record WebLogin(String login, String passwordHash) {
    @Override
    public String toString() {
      return "WebLogin[login=" + login + ", passwordHash=***]";
    }
  }

  /**
   * Containers a user may see and act on. Empty means all. A container is in scope when it has
   * every label in {@code labels} and, if {@code names} is non-empty, its name matches one glob.
   */
  public record Scope(Map<String, String> labels, List<String> names) {
    public static final Scope NONE = new Scope(Map.of(), List.of());

    public Scope {
      labels = Map.copyOf(labels);
      names = List.copyOf(names);
    }

    public boolean unrestricted() {
      return labels.isEmpty() && names.isEmpty();
    }
  }

  /** Where chat commands are accepted; {@code "*"} means anywhere. Web and CLI are not restricted. */
  public record Channels(List<String> slack, DiscordChannels discord) {
    public static final Channels DEFAULTS = new Channels(List.of("*"), new DiscordChannels(List.of("*"), List.of("*")));

    public Channels {
      slack = List.copyOf(slack);
    }
  }

  /** Discord guild (server) and channel allowlists; both must match. */
  public record DiscordChannels(List<String> guilds, List<String> channels) {
    public DiscordChannels {
      guilds = List.copyOf(guilds);
      channels = List.copyOf(channels);
    }
  }

  /**
   * What {@code run} may reach on the host or in other containers; everything off by default.
   * {@code images} are globs. {@code allowContainerNamespaces} lets {@code --network/--pid/--ipc
   * container:NAME} through, and then NAME must still be in the caller's scope. {@code allowRootUser}
   * lets {@code -u} name root, uid or gid 0, or any name (a name may be uid 0 in the image);
   * {@code fileRoots} are the directories {@code --env-file}/{@code --label-file} may read from (none
   * by default: those flags are refused).
   */
  public record RunGuards(
      boolean allowPrivileged,
      boolean allowBindMounts,
      boolean allowHostNamespaces,
      boolean allowCapabilities,
      boolean allowDevices,
      List<String> images,
      boolean allowContainerNamespaces,
      boolean allowRootUser,
      List<java.nio.file.Path> fileRoots) {
    public static final RunGuards DEFAULTS =
        new RunGuards(false, false, false, false, false, List.of("*"), false, false, List.of());

    public RunGuards {
      images = List.copyOf(images);
      fileRoots = List.copyOf(fileRoots);
    }
  }

  /**
   * Commands that need a second step, the label that marks a container protected (any action on
   * it with value {@code true} needs confirmation), how long a confirmation stays valid, and the
   * roles that may confirm someone else's request ({@code forOthers}; none by default, so only the
   * requester can).
   */
  public record Confirm(List<String> commands, String protectedLabel, Duration ttl, List<String> forOthers) {
    public static final Confirm DEFAULTS =
        new Confirm(Catalog.confirmedByDefault(), "berth.protected", Duration.ofMinutes(5), List.of());

    public Confirm {
      commands = List.copyOf(commands);
      forOthers = forOthers == null ? List.of() : List.copyOf(forOthers);
    }

    /** Nobody confirms for others. */
    public Confirm(List<String> commands, String protectedLabel, Duration ttl) {
      this(commands, protectedLabel, ttl, List.of());
    }
  }
}
