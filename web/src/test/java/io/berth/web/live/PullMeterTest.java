package io.berth.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.Progress;
import org.junit.jupiter.api.Test;

class PullMeterTest {
  @Test
  void percentIsBytesDoneOverBytesKnownAndReachesHundredOnlyWhenEveryLayerFinished() {
    PullMeter m = new PullMeter();
    m.on(new Progress.Layer("a", "Downloading", 50L, 100L));
    m.on(new Progress.Layer("b", "Downloading", 0L, 300L));
    assertThat(m.percent()).isEqualTo(12);
    m.on(new Progress.Layer("a", "Pull complete", null, null));
    m.on(new Progress.Layer("b", "Downloading", 300L, 300L));
    assertThat(m.percent()).isEqualTo(99);
    m.on(new Progress.Layer("b", "Pull complete", null, null));
    assertThat(m.percent()).isEqualTo(100);
    assertThat(m.layerCount()).isEqualTo(2);
  }

  @Test
  void alreadyExistingLayersCountAsDoneAndStatusLinesDoNotAddLayers() {
    PullMeter m = new PullMeter();
    m.on(new Progress.Line("Pulling from library/x"));
    m.on(new Progress.Layer("a", "Already exists", null, null));
    assertThat(m.percent()).isEqualTo(100);
    assertThat(m.layerCount()).isEqualTo(1);
    assertThat(new PullMeter().percent()).isZero();
  }
}
