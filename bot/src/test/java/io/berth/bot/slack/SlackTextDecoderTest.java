package io.berth.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextDecoderTest {
  @Test
  void autoLinkedTextBecomesWhatWasTyped() {
    assertThat(SlackTextDecoder.decode("run -e URL=<http://example.com|example.com> nginx"))
        .isEqualTo("run -e URL=example.com nginx");
  }

  @Test
  void explicitLinksKeepTheirUrl() {
    assertThat(SlackTextDecoder.decode("pull <https://reg.example/x|click>")).isEqualTo("pull https://reg.example/x");
    assertThat(SlackTextDecoder.decode("pull <http://reg.example/x>")).isEqualTo("pull http://reg.example/x");
  }

  @Test
  void mentionsChannelsAndSpecialsAreReadable() {
    assertThat(SlackTextDecoder.decode("logs <@U123> <#C9|ops> <!here>")).isEqualTo("logs @U123 #ops @here");
  }

  @Test
  void entitiesAreDecodedLastSoEscapedBracketsStayText() {
    assertThat(SlackTextDecoder.decode("exec web sh -c 'a &amp;&amp; b &gt; c &lt;d&gt;'"))
        .isEqualTo("exec web sh -c 'a && b > c <d>'");
  }
}
