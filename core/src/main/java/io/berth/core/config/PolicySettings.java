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
    Confirm confirm,
    List<Group> groups,
    Approvals approvals,
    Map<String, UnrecordedRule> unrecorded) {

  /** Every command name the language knows, in help order (from the command catalog). */
  public static final List<String> KNOWN_COMMANDS = Catalog.names();

  /** Built-in roles, one per permission class; each includes the one before it (from the command catalog). */
  public static final Map<String, Set<String>> BUILT_IN_ROLES = builtIns();

  public static final PolicySettings DEFAULTS = new PolicySettings(
      Map.of(),
      Map.of("local", new User("admin", Map.of("cli", List.of("*")), null, Scope.NONE)),
      Channels.DEFAULTS, RunGuards.DEFAULTS, Confirm.DEFAULTS, List.of(), Approvals.NONE);

  public PolicySettings {
    roles = Map.copyOf(roles);
    users = Map.copyOf(users);
    groups = groups == null ? List.of() : List.copyOf(groups);
    approvals = approvals == null ? Approvals.NONE : approvals;
    unrecorded = unrecorded == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unrecorded));
  }

  /** Every interactive session recorded (no {@code policy.terminals.unrecorded} rule). */
  public PolicySettings(Map<String, List<String>> roles, Map<String, User> users, Channels channels, RunGuards run,
      Confirm confirm, List<Group> groups, Approvals approvals) {
    this(roles, users, channels, run, confirm, groups, approvals, Map.of());
  }

  /**
   * {@code policy.terminals.unrecorded.NAME}: interactive sessions on containers matching {@code containers} are not
   * recorded. {@code setBy} names the admin who decided it (the loader refuses a user who is not an admin); the
   * rule and its admin are written into the audit record of every session it leaves unrecorded.
   */
  public record UnrecordedRule(Scope containers, String setBy) {
    public UnrecordedRule {
      containers = containers == null ? Scope.NONE : containers;
      java.util.Objects.requireNonNull(setBy, "setBy");
    }
  }

  /** No group grants, no approval rules (the two-person rule is opt-in). */
  public PolicySettings(Map<String, List<String>> roles, Map<String, User> users, Channels channels, RunGuards run,
      Confirm confirm) {
    this(roles, users, channels, run, confirm, List.of(), Approvals.NONE);
  }

  /**
   * A role granted to every member of a platform's group: a Slack user group ({@code S0123ABCD}),
   * a Discord role (its id), any group a chat adapter reports memberships of. Members who have no
   * {@code policy.users} entry of their own act as {@code platform:userId} with this role and scope.
   */
  public record Group(String platform, String group, String role, Scope scope, Map<String, InContext> contexts) {
    public Group {
      scope = scope == null ? Scope.NONE : scope;
      contexts = contexts == null ? Map.of() : Map.copyOf(contexts);
    }

    /** The same role and scope in every context. */
    public Group(String platform, String group, String role, Scope scope) {
      this(platform, group, role, scope, Map.of());
    }

    /** The role in {@code context}: as {@code contexts} names it there, else {@code role}. */
    public String roleIn(String context) {
      return InContext.role(contexts, context, role);
    }

    /** The scope in {@code context}: as {@code contexts} gives it there, else {@code scope}. */
    public Scope scopeIn(String context) {
      return InContext.scope(contexts, context, scope);
    }
  }

  /**
   * What a user or group is in one context ({@code contexts: {prod: viewer}} or {@code {prod: {role, scope}}}):
   * its role there, and its scope there when given (null: the user's or group's own scope).
   */
  public record InContext(String role, Scope scope) {
    public InContext {
      java.util.Objects.requireNonNull(role, "role");
    }

    public static InContext role(String role) {
      return new InContext(role, null);
    }

    /** The role {@code contexts} gives in {@code context}, else {@code base} (users and groups alike). */
    static String role(Map<String, InContext> contexts, String context, String base) {
      InContext c = context == null ? null : contexts.get(context);
      return c == null ? base : c.role();
    }

    /** The scope {@code contexts} gives in {@code context}, else {@code base}. */
    static Scope scope(Map<String, InContext> contexts, String context, Scope base) {
      InContext c = context == null ? null : contexts.get(context);
      return c == null || c.scope() == null ? base : c.scope();
    }
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
   * A Berth user: role plus the identities that are this person, by platform name
   * ({@code identities.slack: [U123]}, {@code identities.matrix: ["@ann:example.org"]}, any
   * platform a chat adapter brings). {@code "*"} in a platform's list means anyone on it (used for
   * {@code cli}: anyone at the machine's console). {@code web} is the console login, which carries
   * a password hash; null means no console login.
   */
  public record User(String role, Map<String, List<String>> identities, WebLogin web, Scope scope,
      Map<String, InContext> contexts) {
    /** The same role and scope in every context. */
    public User(String role, Map<String, List<String>> identities, WebLogin web, Scope scope) {
      this(role, identities, web, scope, Map.of());
    }

    /** The role in {@code context}: as {@code contexts} names it there, else {@code role}. */
    public String roleIn(String context) {
      return InContext.role(contexts, context, role);
    }

    /** The scope in {@code context}: as {@code contexts} gives it there, else {@code scope}. */
    public Scope scopeIn(String context) {
      return InContext.scope(contexts, context, scope);
    }

    public User {
      contexts = contexts == null ? Map.of() : Map.copyOf(contexts);
      Map<String, List<String>> copy = new LinkedHashMap<>();
      identities.forEach((platform, ids) -> copy.put(platform, List.copyOf(ids)));
      identities = java.util.Collections.unmodifiableMap(copy);
      scope = scope == null ? Scope.NONE : scope;
    }

    /** The ids this user has on {@code platform} (empty when none). */
    public List<String> ids(String platform) {
      return identities.getOrDefault(platform, List.of());
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

  /**
   * Where chat commands are accepted, by platform name; {@code "*"} means anywhere. A platform
   * without an entry is not restricted (the web console and the CLI have none).
   */
  public record Channels(Map<String, ChannelRule> byPlatform) {
    public static final Channels DEFAULTS = new Channels(Map.of());

    public Channels {
      byPlatform = Map.copyOf(byPlatform);
    }

    /** The rule for {@code platform}: its entry, or anywhere. */
    public ChannelRule of(String platform) {
      return byPlatform.getOrDefault(platform, ChannelRule.ANYWHERE);
    }
  }

  /**
   * A platform's allowlists: the workspace (Slack team, Discord guild/server, …) and the channel
   * must both be listed; {@code "*"} allows any.
   */
  public record ChannelRule(List<String> workspaces, List<String> channels) {
    public static final ChannelRule ANYWHERE = new ChannelRule(List.of("*"), List.of("*"));

    public ChannelRule {
      workspaces = List.copyOf(workspaces);
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
      List<java.nio.file.Path> fileRoots,
      Map<String, RunGuards> contexts) {
    public static final RunGuards DEFAULTS =
        new RunGuards(false, false, false, false, false, List.of("*"), false, false, List.of());

    public RunGuards {
      images = List.copyOf(images);
      fileRoots = List.copyOf(fileRoots);
      contexts = contexts == null ? Map.of() : Map.copyOf(contexts);
    }

    /** The same guards in every context. */
    public RunGuards(boolean allowPrivileged, boolean allowBindMounts, boolean allowHostNamespaces,
        boolean allowCapabilities, boolean allowDevices, List<String> images, boolean allowContainerNamespaces,
        boolean allowRootUser, List<java.nio.file.Path> fileRoots) {
      this(allowPrivileged, allowBindMounts, allowHostNamespaces, allowCapabilities, allowDevices, images,
          allowContainerNamespaces, allowRootUser, fileRoots, Map.of());
    }

    /**
     * The guards in {@code context}: its {@code policy.run.contexts} entry (the loader has already filled in every key
     * it leaves out from these), else these.
     */
    public RunGuards in(String context) {
      RunGuards c = context == null ? null : contexts.get(context);
      return c == null ? this : c;
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

  /**
   * The two-person rule ({@code policy.approvals}): named rules saying which commands on which
   * containers wait for someone else's approval, and the chat channels (by platform name) where
   * pending requests are posted with Approve/Reject buttons besides the channel they were asked in.
   */
  public record Approvals(Map<String, ApprovalRule> rules, Map<String, List<String>> channels) {
    public static final Approvals NONE = new Approvals(Map.of(), Map.of());

    public Approvals {
      rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
      Map<String, List<String>> copy = new LinkedHashMap<>();
      channels.forEach((platform, ids) -> copy.put(platform, List.copyOf(ids)));
      channels = java.util.Collections.unmodifiableMap(copy);
    }

    /** The channels of {@code platform} where approval requests are posted (empty when none). */
    public List<String> channelsOf(String platform) {
      return channels.getOrDefault(platform, List.of());
    }
  }

  /**
   * One approval rule: {@code commands} on containers matching {@code containers} (labels and
   * name globs, as a scope; empty matches every request of those commands, with or without a
   * container) need {@code count} approvals by users, other than the requester, whose role is one
   * of {@code approvers} (their role in the request's context), within {@code ttl}; only in
   * {@code contexts} when it names any (e.g. prod, not staging).
   */
  public record ApprovalRule(List<String> commands, Scope containers, List<String> approvers, int count, Duration ttl,
      List<String> contexts) {
    public ApprovalRule {
      commands = List.copyOf(commands);
      containers = containers == null ? Scope.NONE : containers;
      approvers = List.copyOf(approvers);
      contexts = contexts == null ? List.of() : List.copyOf(contexts);
      if (count < 1) throw new IllegalArgumentException("count must be at least 1");
    }

    /** A rule for every context. */
    public ApprovalRule(List<String> commands, Scope containers, List<String> approvers, int count, Duration ttl) {
      this(commands, containers, approvers, count, ttl, List.of());
    }

    /** True when it holds requests in {@code context}: it names no context, or names this one. */
    public boolean appliesIn(String context) {
      return contexts.isEmpty() || contexts.contains(context);
    }
  }
}
