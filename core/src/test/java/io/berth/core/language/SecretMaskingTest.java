package io.berth.core.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Secrets beyond {@code -e}: build args, credential-looking flags, URL passwords, unsplittable text. */
class SecretMaskingTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      build --build-arg TOKEN=abc -t x .             | build --build-arg TOKEN=*** -t x .
      build --build-arg=TOKEN=abc -t x .             | build --build-arg=TOKEN=*** -t x .
      run --password hunter2 img                     | run --password *** img
      run img mysqld --db-password=hunter2           | run img mysqld --db-password=***
      login -u ada -p hunter2 localhost:5000         | login -u ada -p *** localhost:5000
      pull https://ada:hunter2@localhost:5000/x      | pull https://ada:***@localhost:5000/x
      run --api-key "hunter2 x                       | run --api-key ***
      run -p 80:80 img                               | run -p 80:80 img
      ps -a                                          | ps -a
      """)
  void masksEveryKindOfSecret(String text, String expected) {
    assertThat(SecretMasking.mask(text)).isEqualTo(expected);
  }

  @Test
  void maskAssignmentKeepsTheKeyOnly() {
    assertThat(SecretMasking.maskAssignment("PASSWORD=s3cr3t")).isEqualTo("PASSWORD=***");
    assertThat(SecretMasking.maskAssignment("lonely")).isEqualTo("***");
  }

  @Test
  void nothingThatLooksLikeACredentialSurvives() {
    for (String t : List.of("run --secret=s3cr3t img", "exec --token s3cr3t c ls", "run img --Password s3cr3t",
        "pull ftp://u:s3cr3t@h/x", "login --password=s3cr3t", "run --passwd 's3cr3t")) {
      assertThat(SecretMasking.mask(t)).as(t).doesNotContain("s3cr3t");
    }
  }
}
