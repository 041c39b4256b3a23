package io.berth.core.policy;

import io.berth.core.command.Catalog;
import io.berth.core.command.DockerRequest;
import io.berth.core.command.Exec;
import io.berth.core.command.ImageRef;
import io.berth.core.command.Run;
import io.berth.core.config.PolicySettings;
import io.berth.core.engine.VolumeUsage;
import io.berth.core.model.BerthUser;
import io.berth.core.model.Caller;
import io.berth.core.model.Location;
import io.berth.core.model.Source;
import io.berth.core.result.ContainerSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The access policy from {@code policy:} in the configuration: identities, roles, channels, scope, run guards, confirmation. */
public final class ConfiguredPolicy implements AccessPolicy {
  private static final String FILE = "config/berth.yml";
  private final PolicySettings settings;
  private final WebAccounts web;
  private final GroupMemberships memberships;
  /**
   * The grant each group-granted name was last identified with, so the scope that goes with the
   * role is the one decided on even if membership changes while the request runs.
   */
  private final Map<String, PolicySettings.Group> granted = new java.util.concurrent.ConcurrentHashMap<>();

  /** @param memberships who is in the groups of {@code policy.groups}, as the chat adapters report it */
  public ConfiguredPolicy(PolicySettings settings, WebAccounts web, GroupMemberships memberships) {
    this.settings = settings;
    this.web = web;
    this.memberships = memberships;
  }

  public ConfiguredPolicy(PolicySettings settings, WebAccounts web) {
    this(settings, web, GroupMemberships.none());
  }

  public ConfiguredPolicy(PolicySettings settings) {
    this(settings, new WebAccounts(settings));
  }

  public WebAccounts webAccounts() {
    return web;
  }

  /**
   * Looks the caller's id up under their platform's name in {@code policy.users.*.identities}: the
   * same for every platform, so a new one needs nothing here. An exact id wins over a {@code "*"}
   * entry (anyone on that platform, e.g. {@code cli: ["*"]}). Console logins carry a password
   * hash and are {@link WebAccounts}'.
   *
   * <p>An id with no entry of its own that is a member of a group in {@code policy.groups} acts
   * as {@code platform:id} with the role of the first matching group entry (file order); an
   * individual entry always wins over a group, and a group over {@code "*"}.
   */
  @Override
  public Optional<BerthUser> identify(Caller caller) {
    String id = caller.platformUserId();
    if (caller.source() == Source.WEB) return web.user(id);
    String platform = caller.source().id();
    Optional<BerthUser> exact = find(platform, id);
    if (exact.isPresent()) return exact;
    Optional<BerthUser> member = byGroup(platform, id);
    return member.isPresent() ? member : find(platform, "*");
  }

  /** The name a group-granted member acts and is audited under: {@code slack:U0123ABCD}. */
  public static String memberName(String platform, String userId) {
    return platform + ":" + userId;
  }

  private Optional<BerthUser> byGroup(String platform, String id) {
    Set<String> in = memberships.groupsOf(platform, id);
    if (in.isEmpty()) return Optional.empty();
    for (PolicySettings.Group g : settings.groups()) {
      if (g.platform().equals(platform) && in.contains(g.group())) {
        String name = memberName(platform, id);
        granted.put(name, g);
        return Optional.of(new BerthUser(name, g.role()));
      }
    }
    return Optional.empty();
  }

  private Optional<BerthUser> find(String platform, String id) {
    for (Map.Entry<String, PolicySettings.User> e : settings.users().entrySet()) {
      if (e.getValue().ids(platform).contains(id)) return Optional.of(new BerthUser(e.getKey(), e.getValue().role()));
    }
    return Optional.empty();
  }

  /**
   * The user in {@code context}: a configured user's role there ({@code policy.users.NAME.contexts}), a group member's
   * their group's ({@code policy.groups[].contexts}); their scope and the run guards and approval rules of that
   * context then apply to what they do ({@link #decide}, {@link #inScope}).
   */
  @Override
  public BerthUser inContext(BerthUser user, String context) {
    PolicySettings.User u = settings.users().get(user.name());
    PolicySettings.Group g = u == null ? granted.get(user.name()) : null;
    String role = u != null ? u.roleIn(context) : g != null ? g.roleIn(context) : user.role();
    return new BerthUser(user.name(), role, context);
  }

  @Override
  public String enrollmentHint(Caller caller) {
    String id = caller.platformUserId();
    String platform = caller.source().id();
    if (caller.source() == Source.WEB) {
      return "Ask an admin to add policy.users.<name>.identities.web: { login: \"" + id
          + "\", passwordHash: \"...\" } in " + FILE + " (hash with ./berth hash-password).";
    }
    return "Ask an admin to add \"" + id + "\" to policy.users.<name>.identities." + platform + " in " + FILE
        + " (e.g. alice: { role: viewer, identities: { " + platform + ": [\"" + id + "\"] } })"
        + (memberships.watched(platform).isEmpty() ? "." : ", or add them to a " + platform + " group listed in policy.groups.");
  }

  @Override
  public Decision decide(BerthUser user, Caller caller, DockerRequest request, Optional<ContainerSummary> target) {
    String action = request.action();
    Optional<String> where = placeDenied(caller);
    if (where.isPresent()) return new Decision.Deny(where.get());

    Set<String> allowed = commandsOf(user.role());
    if (allowed == null) {
      return new Decision.Deny(user.name() + " has role \"" + user.role() + "\", which is not defined; ask an admin to fix policy.users."
          + user.name() + ".role in " + FILE);
    }
    if (!allowed.contains(action)) {
      return new Decision.Deny(user.name() + " has role " + user.role() + ", which may not run " + action
          + "; that needs role " + neededRole(action) + " (an admin can change policy.users." + user.name() + ".role in "
          + FILE + ")");
    }
    if (target.isPresent() && !inScope(user, target.get())) {
      return new Decision.Deny("No such container: " + request.target());
    }
    if (request instanceof Run run) {
      Optional<String> guard = runGuard(user, run);
      if (guard.isPresent()) return new Decision.Deny(guard.get());
    }
    if (request instanceof Exec exec) {
      // exec -u root reaches root inside a container as surely as run -u root: the same guard
      Optional<String> guard = rootUser(user.context(), "exec", exec.user());
      if (guard.isPresent()) return new Decision.Deny(guard.get());
    }
    for (String image : Catalog.bind(request).images()) {
      Optional<String> refused = imageRefusal(user, action, image);
      if (refused.isPresent()) return new Decision.Deny(refused.get());
    }
    Optional<Decision.NeedsApproval> approval = approvalFor(user, request, target);
    if (approval.isPresent()) return approval.get(); // the approver is the second person: no confirmation on top
    String label = settings.confirm().protectedLabel();
    boolean isProtected = target.isPresent() && "true".equalsIgnoreCase(target.get().labels().get(label));
    if (isProtected && request.mutates()) {
      return new Decision.Confirm(whatHappens(request, target) + " Container " + target.get().name()
          + " is protected (label " + label + "=true), so this needs confirmation.");
    }
    if (settings.confirm().commands().contains(action)) {
      return new Decision.Confirm(whatHappens(request, target) + " Confirm to go ahead.");
    }
    return Decision.ALLOW;
  }

  /**
   * The first rule of {@code policy.approvals} that holds this request (its command, its context, and its container if
   * any).
   */
  private Optional<Decision.NeedsApproval> approvalFor(BerthUser user, DockerRequest request, Optional<ContainerSummary> target) {
    for (Map.Entry<String, PolicySettings.ApprovalRule> e : settings.approvals().rules().entrySet()) {
      PolicySettings.ApprovalRule rule = e.getValue();
      if (!rule.commands().contains(request.action()) || !rule.appliesIn(user.context())) continue;
      boolean applies = rule.containers().unrestricted() || target.map(t -> matches(rule.containers(), t)).orElse(false);
      if (!applies) continue;
      String who = rule.count() == 1 ? "someone else" : rule.count() + " other people";
      return Optional.of(new Decision.NeedsApproval(e.getKey(), rule.approvers(), rule.count(), rule.ttl(),
          whatHappens(request, target) + " This needs approval by " + who + " with role " + String.join(" or ", rule.approvers())
              + " (policy.approvals.rules." + e.getKey() + ")."));
    }
    return Optional.empty();
  }

  /** The platform's allowlists from {@code policy.channels.<platform>}; a platform without one is not fenced. */
  @Override
  public Optional<String> placeDenied(Caller caller) {
    Location w = caller.where();
    String platform = caller.source().id();
    PolicySettings.ChannelRule rule = settings.channels().of(platform);
    String key = "policy.channels." + platform;
    if (!allows(rule.workspaces(), w.workspace())) {
      return Optional.of("Berth does not take commands in " + platform + " workspace " + describe(w.workspace())
          + "; allowed workspaces are listed in " + key + ".workspaces in " + FILE);
    }
    if (!allows(rule.channels(), w.channel())) {
      return Optional.of("Berth does not take commands in " + platform + " channel " + describe(w.channel())
          + "; allowed channels are listed in " + key + ".channels in " + FILE);
    }
    return Optional.empty();
  }

  private static boolean allows(List<String> allowlist, String value) {
    return allowlist.contains("*") || (value != null && allowlist.contains(value));
  }

  private static String describe(String v) {
    return v == null ? "(direct message)" : v;
  }

  private Set<String> commandsOf(String role) {
    Set<String> builtIn = PolicySettings.BUILT_IN_ROLES.get(role);
    if (builtIn != null) return builtIn;
    List<String> custom = settings.roles().get(role);
    return custom == null ? null : Set.copyOf(custom);
  }

  /** The smallest built-in role that may run the action. */
  static String neededRole(String action) {
    for (Map.Entry<String, Set<String>> e : PolicySettings.BUILT_IN_ROLES.entrySet()) {
      if (e.getValue().contains(action)) return e.getKey();
    }
    return "admin";
  }

  /** {@code USER[:GROUP]} that is, or may be, root: a zero id or any name (resolved in the image, unseen here). */
  static boolean mayBeRoot(String userSpec) {
    for (String part : userSpec.split(":", -1)) {
      if (!part.chars().allMatch(Character::isDigit) || part.isEmpty()) return true;
      if (part.chars().allMatch(c -> c == '0')) return true;
    }
    return false;
  }

  /** {@code policy.run.allowRootUser}, for run and exec alike: {@code -u} that is, or may be, root. */
  private Optional<String> rootUser(String context, String command, String runAs) {
    if (runAs == null || settings.run().in(context).allowRootUser() || !mayBeRoot(runAs)) return Optional.empty();
    return Optional.of(command + ": -u " + runAs + " is not allowed by this Berth's policy (an admin can set "
        + runKey(context) + "allowRootUser); root, uid or gid 0 and user names (a name may be uid 0 in the image) need it: "
        + "use numeric ids other than 0, e.g. -u 1000:1000");
  }

  /**
   * Where a run guard of {@code context} is set: {@code policy.run.contexts.CTX.} when that context has guards of its
   * own (the key there decides), else {@code policy.run.}; the refusal names it so an admin knows which one to change.
   */
  private String runKey(String context) {
    return context != null && settings.run().contexts().containsKey(context) ? "policy.run.contexts." + context + "."
        : "policy.run.";
  }

  private Optional<String> runGuard(BerthUser user, Run run) {
    PolicySettings.RunGuards g = settings.run().in(user.context());
    String fix = " is not allowed by this Berth's policy (an admin can set " + runKey(user.context());
    Run.HostAccess h = run.hostAccess();
    if (h.privileged() && !g.allowPrivileged()) return Optional.of("run: --privileged" + fix + "allowPrivileged)");
    for (Run.VolumeMount v : run.volumes()) {
      if (v.isBindMount() && !g.allowBindMounts()) {
        return Optional.of("run: bind mount of host path " + v.source() + fix + "allowBindMounts); use a named volume");
      }
    }
    for (Map.Entry<String, String> ns : h.namespaces().entrySet()) {
      String flag = ns.getKey();
      String mode = ns.getValue();
      if ("host".equals(mode) && !g.allowHostNamespaces()) {
        return Optional.of("run: " + flag + " host" + fix + "allowHostNamespaces)");
      }
      // another container's namespace is as much a way in as the host's: its processes, secrets, network identity
      if (Run.HostAccess.containerOf(mode) != null && !g.allowContainerNamespaces()) {
        return Optional.of("run: " + flag + " " + mode + fix + "allowContainerNamespaces)");
      }
    }
    if (!h.capAdd().isEmpty() && !g.allowCapabilities()) {
      return Optional.of("run: --cap-add " + String.join(",", h.capAdd()) + fix + "allowCapabilities)");
    }
    if (!h.devices().isEmpty() && !g.allowDevices()) {
      return Optional.of("run: --device " + String.join(",", h.devices()) + fix + "allowDevices)");
    }
    Optional<String> root = rootUser(user.context(), "run", run.settings().user());
    if (root.isPresent()) return root;
    Optional<String> image = imageRefusal(user, "run", run.image());
    if (image.isPresent()) return image;
    PolicySettings.Scope scope = scopeOf(user);
    if (!scope.unrestricted()) {
      for (Map.Entry<String, String> l : scope.labels().entrySet()) {
        if (!l.getValue().equals(run.labels().get(l.getKey()))) {
          return Optional.of("run: " + user.name() + " may only create containers labelled " + l.getKey() + "="
              + l.getValue() + "; add -l " + l.getKey() + "=" + l.getValue());
        }
      }
      if (!scope.names().isEmpty()
          && (run.name() == null || scope.names().stream().noneMatch(p -> Glob.matches(p, run.name())))) {
        return Optional.of("run: " + user.name() + " may only create containers named " + String.join(" or ", scope.names())
            + "; add --name with such a name");
      }
    }
    return Optional.empty();
  }

  /** The allowlist of the user's context applies to every image Berth brings in or makes: run, pull and build -t. */
  @Override
  public Optional<String> imageRefusal(BerthUser user, String action, String image) {
    List<String> allowed = settings.run().in(user.context()).images();
    String tagged = ImageRef.isValid(image) ? ImageRef.parseAny(image).withDefaultTag() : image;
    if (allowed.stream().anyMatch(p -> Glob.matches(p, image) || Glob.matches(p, tagged))) return Optional.empty();
    return Optional.of(action + ": image " + image + " does not match the allowed images " + allowed
        + " (" + runKey(user.context()) + "images in "
        + FILE + ")");
  }

  private static String whatHappens(DockerRequest r, Optional<ContainerSummary> target) {
    return Catalog.bind(r).consequence(target.map(ContainerSummary::name).orElse(r.target()));
  }

  @Override
  public Optional<String> unrecordedBy(ContainerSummary container) {
    for (Map.Entry<String, PolicySettings.UnrecordedRule> r : settings.unrecorded().entrySet()) {
      if (matches(r.getValue().containers(), container)) {
        return Optional.of("policy.terminals.unrecorded rule \"" + r.getKey() + "\", set by admin " + r.getValue().setBy());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean inScope(BerthUser user, ContainerSummary container) {
    return matches(scopeOf(user), container);
  }

  /** A container matches a scope (user scope, approval rule) when it has every label and, if names are given, one glob matches. */
  private static boolean matches(PolicySettings.Scope scope, ContainerSummary container) {
    if (scope.unrestricted()) return true;
    for (Map.Entry<String, String> l : scope.labels().entrySet()) {
      if (!l.getValue().equals(container.labels().get(l.getKey()))) return false;
    }
    String name = container.name().startsWith("/") ? container.name().substring(1) : container.name();
    return scope.names().isEmpty() || scope.names().stream().anyMatch(p -> Glob.matches(p, name));
  }

  /**
   * A named volume belongs to the containers that use it, and to a scope label it carries: one
   * used by a container outside the user's scope, or labelled with another value of a label the
   * scope requires, is outside it.
   */
  @Override
  public boolean volumeInScope(BerthUser user, VolumeUsage volume) {
    PolicySettings.Scope scope = scopeOf(user);
    if (scope.unrestricted()) return true;
    for (Map.Entry<String, String> l : scope.labels().entrySet()) {
      String has = volume.labels().get(l.getKey());
      if (has != null && !has.equals(l.getValue())) return false;
    }
    return volume.usedBy().stream().allMatch(c -> inScope(user, c));
  }

  /** The user's scope in the context they act in ({@code contexts.CTX.scope}, else their own). */
  private PolicySettings.Scope scopeOf(BerthUser user) {
    PolicySettings.User u = settings.users().get(user.name());
    if (u != null) return u.scopeIn(user.context());
    PolicySettings.Group g = granted.get(user.name());
    return g == null ? PolicySettings.Scope.NONE : g.scopeIn(user.context());
  }

  @Override
  public boolean canConfirmForOthers(BerthUser user) {
    return settings.confirm().forOthers().contains(user.role());
  }

  /** Built-in and custom roles with their commands, for docs and {@code config check}. */
  public List<String> describeRoles() {
    List<String> out = new ArrayList<>();
    for (String r : settings.roleNames()) out.add(r + ": " + String.join(", ", new java.util.TreeSet<>(commandsOf(r))));
    return out;
  }
}
