package io.berth.core.model;

import java.util.Objects;

/**
 * Who is asking, as the surface knows them: the platform identity plus where they asked from.
 * The core resolves it to a {@link BerthUser} through the policy; adapters never decide that.
 *
 * @param source surface the request came through
 * @param platformUserId Slack user id, Discord user id, web login name or OS user for the CLI
 * @param displayName human-readable name for messages and the audit trail
 * @param where team/guild, channel or remote address the request came from
 */
public record Caller(Source source, String platformUserId, String displayName, Location where) {
  public Caller {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(platformUserId, "platformUserId");
    displayName = displayName == null || displayName.isBlank() ? platformUserId : displayName;
    where = where == null ? Location.NOWHERE : where;
  }
}
