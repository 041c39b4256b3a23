package io.berth.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionGuardTest {
  @Test
  void everyoneAndHereNoLongerReadAsMentions() {
    String out = MentionGuard.neutralize("hi @everyone and @here, also @Everyone");
    assertThat(out).doesNotContainIgnoringCase("@everyone").doesNotContain("@here");
    assertThat(out.replace("\u200B", "")).isEqualTo("hi @everyone and @here, also @Everyone");
  }

  @Test
  void userAndRoleTagsAreBroken() {
    String out = MentionGuard.neutralize("<@123> <@!456> <@&789> <#42>");
    assertThat(out).doesNotContain("<@123>").doesNotContain("<@!456>").doesNotContain("<@&789>");
    assertThat(out).contains("<#42>"); // channel links ping nobody
    assertThat(out.replace("\u200B", "")).isEqualTo("<@123> <@!456> <@&789> <#42>");
  }

  @Test
  void plainTextIsUntouched() {
    assertThat(MentionGuard.neutralize("user@example.com ps -a")).isEqualTo("user@example.com ps -a");
    assertThat(MentionGuard.neutralize(null)).isEmpty();
  }
}
