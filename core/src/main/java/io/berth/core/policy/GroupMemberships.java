package io.berth.core.policy;

import io.berth.core.config.PolicySettings;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in which of the groups {@code policy.groups} names, as the chat platforms report it: the
 * one place the policy reads group membership from and the bot adapters write it to. Keyed by
 * platform name, so it knows no platform. Only configured groups are kept; a report about any other
 * group is ignored, so the memory held is bounded by the configured groups' members.
 *
 * <p>Starts empty: until a platform has reported, nobody holds a role through a group there.
 */
public final class GroupMemberships {
  /** platform -> configured group id -> member user ids. */
  private final Map<String, Map<String, Set<String>>> members = new ConcurrentHashMap<>();

  public GroupMemberships(Collection<PolicySettings.Group> groups) {
    for (PolicySettings.Group g : groups) {
      members.computeIfAbsent(g.platform(), p -> new ConcurrentHashMap<>()).put(g.group(), ConcurrentHashMap.newKeySet());
    }
  }

  /** Nothing configured: every report is ignored. */
  public static GroupMemberships none() {
    return new GroupMemberships(List.of());
  }

  /** The group ids of {@code platform} that grant a role (what its adapter should watch); empty when none. */
  public Set<String> watched(String platform) {
    Map<String, Set<String>> groups = members.get(platform);
    return groups == null ? Set.of() : Set.copyOf(groups.keySet());
  }

  /** The configured groups {@code userId} is a member of on {@code platform}. */
  public Set<String> groupsOf(String platform, String userId) {
    Map<String, Set<String>> groups = members.get(platform);
    if (groups == null) return Set.of();
    Set<String> out = new LinkedHashSet<>();
    groups.forEach((group, users) -> {
      if (users.contains(userId)) out.add(group);
    });
    return out;
  }

  /** A group's whole member list, as a platform lists it (Slack {@code usergroups.users.list}). */
  public void replaceMembers(String platform, String group, Collection<String> userIds) {
    Set<String> users = groupOrNull(platform, group);
    if (users == null) return;
    Set<String> now = Set.copyOf(userIds);
    users.retainAll(now);
    users.addAll(now);
  }

  /** One user joined ({@code member}) or left a group (a Discord member's role added or removed). */
  public void setMember(String platform, String group, String userId, boolean member) {
    Set<String> users = groupOrNull(platform, group);
    if (users == null) return;
    if (member) users.add(userId);
    else users.remove(userId);
  }

  private Set<String> groupOrNull(String platform, String group) {
    Map<String, Set<String>> groups = members.get(platform);
    return groups == null ? null : groups.get(group);
  }
}
