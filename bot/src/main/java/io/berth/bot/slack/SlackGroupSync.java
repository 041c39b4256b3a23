package io.berth.bot.slack;

import io.berth.core.LogSafe;
import io.berth.core.policy.GroupMemberships;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link GroupMemberships} in step with the Slack user groups {@code policy.groups} names:
 * each is read with {@code usergroups.users.list} at start, every {@code slack.groupRefresh}, and
 * at once when Slack says it changed ({@code subteam_members_changed}, {@code subteam_updated}).
 * The list is re-read rather than the event's delta applied, so a lost or reordered event cannot
 * leave someone with a role they no longer have.
 */
final class SlackGroupSync {
  static final String PLATFORM = "slack";
  private static final Logger log = LoggerFactory.getLogger(SlackGroupSync.class);

  private final SlackWebApi api;
  private final GroupMemberships memberships;
  private final Set<String> groups;
  private final ExecutorService work;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;

  SlackGroupSync(SlackWebApi api, GroupMemberships memberships, ExecutorService work, ScheduledExecutorService scheduler,
      Duration interval) {
    this.api = api;
    this.memberships = memberships;
    this.groups = memberships.watched(PLATFORM);
    this.work = work;
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /** Reads every group now, then every interval; nothing when no Slack group grants a role. */
  void start() {
    if (groups.isEmpty()) return;
    scheduler.scheduleWithFixedDelay(() -> groups.forEach(this::submit), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Slack said this group changed: read it again (off Bolt's thread, which must ack within 3 s). */
  void changed(String groupId) {
    if (groupId != null && groups.contains(groupId)) submit(groupId);
  }

  private void submit(String groupId) {
    try {
      work.execute(() -> refresh(groupId));
    } catch (RejectedExecutionException e) {
      log.warn("user group {} not re-read: busy or shutting down", LogSafe.quote(groupId));
    }
  }

  /**
   * Slack's answer replaces what was known. When Slack refuses (the group was deleted, the token
   * lacks {@code usergroups:read}), nobody keeps the role through it; when Slack cannot be
   * reached, the last known members stay until the next read.
   */
  void refresh(String groupId) {
    try {
      List<String> users = api.groupMembers(groupId);
      memberships.replaceMembers(PLATFORM, groupId, users);
    } catch (SlackWebApi.Refused e) {
      memberships.replaceMembers(PLATFORM, groupId, List.of());
      log.warn("user group {}: {}; nobody holds its role until it can be read", LogSafe.quote(groupId), e.getMessage());
    } catch (IOException e) {
      log.warn("user group {} could not be read ({}); keeping its last known members", LogSafe.quote(groupId),
          e.getMessage());
    }
  }
}
