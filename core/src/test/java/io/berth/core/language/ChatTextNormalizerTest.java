package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatTextNormalizerTest {
  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(delimiter = '|', textBlock = """
      run -e \u201CA=b c\u201D img     | run -e "A=b c" img   | curly double quotes
      run -e \u2018A=b\u2019 img       | run -e 'A=b' img     | curly single quotes
      ps\u00A0-a                       | ps -a                | non-breaking space
      ps\u202F-a                       | ps -a                | narrow no-break space
      p\u200Bs -a\uFEFF                | ps -a                | zero-width space and BOM dropped
      logs\u2060 web                   | logs web             | word joiner dropped
      run &quot;x&quot; &amp;&amp; y  | run &quot;x&quot; &amp;&amp; y | entities are the platform's to decode, not decoded again here
      x &lt;                           | x &lt;               | a typed &lt; stays as typed
      ps \u2014all                     | ps --all             | em dash at word start is a long flag
      ps \u2013a                       | ps --a               | en dash at word start
      run img-\u2013x                  | run img--x           | dash inside a word stays one dash
      '   ps   '                       | ps                   | trimmed
      """)
  void normalizes(String in, String expected, String what) {
    assertThat(ChatTextNormalizer.normalize(unescape(in))).isEqualTo(unescape(expected));
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

  @org.junit.jupiter.api.Test
  void nullIsEmpty() {
    assertThat(ChatTextNormalizer.normalize(null)).isEmpty();
  }
}
