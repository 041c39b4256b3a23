package io.berth.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.bot.slack.SlackTextDecoder;
import io.berth.core.language.PicocliCommandLanguage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a person typed, as each platform delivers it, on its way to the core: the platform's own
 * markup is decoded exactly once (Slack: entities, links, mentions), code spans are unwrapped, and
 * the parser undoes chat typography. A typed {@code &lt;} arrives as {@code &lt;}.
 */
class ChatMarkupTest {
  static final PicocliCommandLanguage LANGUAGE = new PicocliCommandLanguage();

  /** How each platform turns what it delivers into the text it submits. */
  static String submitted(String platform, String delivered) {
    return switch (platform) {
      case "slack" -> SlackTextDecoder.command(delivered);
      case "discord" -> ChatInput.command(delivered); // Discord delivers the text as typed
      default -> throw new IllegalArgumentException(platform);
    };
  }

  @ParameterizedTest(name = "[{index}] {0}: {4}")
  @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
      slack   ~ exec web echo &amp;lt;                          ~ exec web echo &lt;                     ~ exec web echo '&lt;'                   ~ typed &lt; decoded exactly once
      slack   ~ exec web sh -c 'a &amp;&amp; b &gt; c'         ~ exec web sh -c 'a && b > c'            ~ exec web sh -c 'a && b > c'            ~ Slack's own escapes
      slack   ~ exec web echo &amp;amp;                         ~ exec web echo &amp;                    ~ exec web echo '&amp;'                  ~ an escaped entity stays an entity
      slack   ~ exec web wget <http://example.com|example.com>  ~ exec web wget example.com             ~ exec web wget example.com             ~ auto-link back to what was typed
      slack   ~ exec web wget <https://x.example/a|click>      ~ exec web wget https://x.example/a    ~ exec web wget https://x.example/a     ~ explicit link keeps its URL
      slack   ~ exec web echo <@U123|alice>                    ~ exec web echo @alice                   ~ exec web echo @alice                   ~ user mention
      slack   ~ exec web echo <@U123>                           ~ exec web echo @U123                    ~ exec web echo @U123                    ~ bare mention
      slack   ~ `logs web`                                      ~ logs web                               ~ logs web                               ~ inline code
      slack   ~ ```ps -a```                                     ~ ps -a                                  ~ ps -a                                  ~ code block
      slack   ~ logs \u201Cweb\u201D                            ~ logs \u201Cweb\u201D                   ~ logs web                               ~ smart quotes undone by the parser, once
      slack   ~ ps \u2014all                                    ~ ps \u2014all                           ~ ps -a                                  ~ em dash for --
      discord ~ exec web echo &lt;                              ~ exec web echo &lt;                     ~ exec web echo '&lt;'                   ~ Discord sends no entities: kept as typed
      discord ~ exec web echo <@123>                            ~ exec web echo <@123>                   ~ exec web echo '<@123>'                 ~ a raw mention is text
      discord ~ `logs web`                                      ~ logs web                               ~ logs web                               ~ inline code
      discord ~ ```ps -a```                                     ~ ps -a                                  ~ ps -a                                  ~ code block
      discord ~ logs \u2018web\u2019                            ~ logs \u2018web\u2019                   ~ logs web                               ~ smart single quotes
      """)
  void typedTextReachesTheParserDecodedExactlyOnce(String platform, String delivered, String atParser, String parsed,
      String what) {
    String submitted = submitted(platform, unescape(delivered));
    assertThat(submitted).isEqualTo(unescape(atParser));
    assertThat(LANGUAGE.describe(LANGUAGE.parse(submitted))).isEqualTo(unescape(parsed));
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith("\\u", i)) {
        sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }
}
