package io.berth.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docker's go-units, case by case (values from docker's own output in the conformance runs). */
class DockerUnitsTest {
  @ParameterizedTest
  @CsvSource({
      "335872, 328KiB", "25275850834, 23.54GiB", "0, 0B", "1023, 1023B", "1024, 1KiB", "1536, 1.5KiB", "10485760, 10MiB"})
  void memoryInBinaryUnits(long bytes, String docker) {
    assertThat(DockerUnits.bytesSize(bytes)).isEqualTo(docker);
  }

  @ParameterizedTest
  @CsvSource({
      "1990000, 1.99MB", "25275850834, 25.3GB", "0, 0B", "999, 999B", "1000, 1kB", "1234, 1.23kB", "4530, 4.53kB",
      "999500, 1e+03kB", "100000, 100kB"})
  void sizesAndIoInSiUnits(long bytes, String docker) {
    assertThat(DockerUnits.humanSize(bytes, 3)).isEqualTo(docker);
  }

  @ParameterizedTest
  @CsvSource({
      "0, Less than a second", "1, 1 second", "26, 26 seconds", "60, About a minute", "119, About a minute",
      "120, 2 minutes", "3599, 59 minutes", "3600, About an hour", "5399, About an hour", "5400, 2 hours",
      "172800, 2 days", "1209600, 2 weeks", "5184000, 2 months", "63072000, 2 years"})
  void durationsAsDockerSaysThem(long seconds, String docker) {
    assertThat(DockerUnits.humanDuration(Duration.ofSeconds(seconds))).isEqualTo(docker);
  }

  @Test
  void tabwriterPadsLikeDockers() {
    assertThat(DockerFormat.tabwrite("PORTS\tNAMES\n\tweb")).isEqualTo("PORTS     NAMES\n          web");
  }

  @Test
  void statsPrintMemoryInBinaryUnitsAsInCaseT01() {
    String text = PlainTextRenderer.stats(new io.berth.core.result.StatsSnapshot("afb236c60629aaaa", "conf-ex", 0, 335872,
        25275850834L, 1));
    assertThat(text).contains("328KiB / 23.54GiB").doesNotContain("kB");
  }
}
