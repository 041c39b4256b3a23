package io.berth.bot.discord;

import io.berth.core.policy.GroupMemberships;
import java.util.Set;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberRemoveEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberUpdateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link GroupMemberships} in step with the Discord roles {@code policy.groups} names (by
 * role id): every member is fetched when a guild becomes ready (member chunks, streamed, nothing
 * cached), and each {@code GUILD_MEMBER_UPDATE} on the gateway replaces that member's roles; a
 * member who leaves the guild loses them. Needs the privileged Server Members intent, which the
 * bot asks for only when a Discord role grants a Berth role.
 */
final class DiscordGroupSync extends ListenerAdapter {
  static final String PLATFORM = "discord";
  private static final Logger log = LoggerFactory.getLogger(DiscordGroupSync.class);

  private final GroupMemberships memberships;
  private final Set<String> roles;

  DiscordGroupSync(GroupMemberships memberships) {
    this.memberships = memberships;
    this.roles = memberships.watched(PLATFORM);
  }

  boolean active() {
    return !roles.isEmpty();
  }

  @Override
  public void onGuildReady(@NotNull GuildReadyEvent event) {
    Guild guild = event.getGuild();
    if (roles.stream().noneMatch(id -> guild.getRoleById(id) != null)) return;
    guild.loadMembers(this::record).onError(e -> log.warn("could not list the members of guild {}: {}", guild.getId(),
        e.getMessage()));
  }

  @Override
  public void onGuildMemberUpdate(@NotNull GuildMemberUpdateEvent event) {
    record(event.getMember());
  }

  @Override
  public void onGuildMemberRemove(@NotNull GuildMemberRemoveEvent event) {
    Guild guild = event.getGuild();
    for (String id : roles) {
      if (guild.getRoleById(id) != null) memberships.setMember(PLATFORM, id, event.getUser().getId(), false);
    }
  }

  /** The member's roles in this guild, for the watched roles that belong to it (role ids are global). */
  private void record(Member member) {
    Guild guild = member.getGuild();
    for (String id : roles) {
      Role role = guild.getRoleById(id);
      if (role == null) continue;
      memberships.setMember(PLATFORM, id, member.getId(), member.getRoles().contains(role));
    }
  }
}
