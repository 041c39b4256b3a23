package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  @ParameterizedTest
  @CsvSource({
      "hello-world, hello-world, latest",
      "busybox:1.36, busybox, 1.36",
      "localhost:5000/x, localhost:5000/x, latest",
      "localhost:5000/x:1, localhost:5000/x, 1",
      "registry.example.com:443/team/app:v2, registry.example.com:443/team/app, v2",
      "app@sha256:abc, app, sha256:abc",
  })
  void splitsRepositoryAndTagWithLatestAsDefault(String given, String repository, String tag) {
    ImageReference ref = ImageReference.parse(given);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
  }
}
