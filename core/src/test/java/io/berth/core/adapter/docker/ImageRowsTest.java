package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.result.ImageSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRowsTest {
  @Test
  void imagesAreReadAsDockerImagesShowsThemAndAnUntaggedOneHasNoTags() throws IOException {
    String json = """
        [{"Containers":-1,"Created":1700000000,"Id":"sha256:aaa","Labels":null,"ParentId":"",
          "RepoDigests":["busybox@sha256:ddd"],"RepoTags":["busybox:latest","localhost:5000/busybox:1"],
          "SharedSize":-1,"Size":4261550,"VirtualSize":4261550},
         {"Created":1600000000,"Id":"sha256:bbb","RepoTags":["<none>:<none>"],"Size":12}]
        """;
    List<ImageSummary> rows = ImageRows.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(rows).extracting(ImageSummary::id).containsExactly("sha256:aaa", "sha256:bbb");
    assertThat(rows.get(0).tags()).containsExactly("busybox:latest", "localhost:5000/busybox:1");
    assertThat(rows.get(0).created()).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(rows.get(1).tags()).isEmpty();
  }

  @Test
  void filtersAreDockersJsonQueryValueUrlEncoded() {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    filters.put("label", List.of("a=b c", "x"));
    filters.put("name", List.of("^/?we\"b$"));
    String encoded = EngineApi.filters(filters);
    assertThat(encoded).doesNotContain(" ", "\"", "{");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8))
        .isEqualTo("{\"label\":[\"a=b c\",\"x\"],\"name\":[\"^/?we\\\"b$\"]}");
  }
}
