package io.berth.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's time.ParseDuration grammar (what docker's --health-* flags take), plus Berth's {@code d}. */
class DurationTextTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(textBlock = """
      30s      | PT30S
      1m30s    | PT1M30S
      1.5s     | PT1.5S
      .5s      | PT0.5S
      1.5h     | PT1H30M
      500ms    | PT0.5S
      250us    | PT0.00025S
      250µs    | PT0.00025S
      10ns     | PT0.00000001S
      0        | PT0S
      0s       | PT0S
      2h45m10s | PT2H45M10S
      2d       | PT48H
      """, delimiter = '|')
  void readsGoDurations(String text, String iso) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "1", "s", "1.s.", "-1s", "1x", "1 s", "1s 2m", "", "1e3s", "1..5s"})
  void refusesWhatGoRefusesAndNegatives(String text) {
    assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1767225600", "1767225600.5"})
  void bareNumbersAreNotDurationsForTimeText(String text) {
    assertThat(DurationText.matches(text)).isFalse();
  }
}
