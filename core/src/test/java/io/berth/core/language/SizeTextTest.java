package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docker's RAMInBytes (go-units) for --memory/--memory-swap, and opts.NanoCPUs for --cpus. */
class SizeTextTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      512m     | 536870912
      1g       | 1073741824
      1G       | 1073741824
      1.5g     | 1610612736
      64MB     | 67108864
      64mib    | 67108864
      100k     | 102400
      1024     | 1024
      10b      | 10
      1 g      | 1073741824
      1t       | 1099511627776
      """)
  void readsDockerMemorySizes(String text, long bytes) {
    assertThat(SizeText.ramInBytes(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "g", "1x", "-1g", "1.2.3m", "1gg", "one", "99999999999999999999g", "1e3"})
  void refusesSizesDockerRefuses(String text) {
    assertThatThrownBy(() -> SizeText.ramInBytes(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.isEmpty() ? "size" : text);
  }

  @ParameterizedTest(name = "{0} cpus = {1} nano")
  @CsvSource(delimiter = '|', textBlock = """
      1        | 1000000000
      0.5      | 500000000
      1.5      | 1500000000
      .25      | 250000000
      2.000000001 | 2000000001
      """)
  void readsCpusAsNanoCpus(String text, long nano) {
    assertThat(SizeText.nanoCpus(text)).isEqualTo(nano);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "-1", "abc", "1.0000000001", "1e2", "0x10", "99999999999"})
  void refusesCpusDockerRefuses(String text) {
    assertThatThrownBy(() -> SizeText.nanoCpus(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpus");
  }
}
