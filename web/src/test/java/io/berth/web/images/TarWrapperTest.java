package io.berth.web.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TarWrapperTest {
  @Test
  void loneDockerfileBecomesAValidOneEntryTar() throws Exception {
    byte[] content = "FROM scratch\n".getBytes(StandardCharsets.UTF_8);
    Path tar = TarWrapper.spool("Dockerfile", new ByteArrayInputStream(content), 1 << 20);
    byte[] b = Files.readAllBytes(tar);
    Files.delete(tar);
    assertThat(b.length % 512).isZero();
    assertThat(new String(b, 0, 10, StandardCharsets.US_ASCII)).isEqualTo("Dockerfile");
    assertThat(new String(b, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
    long size = Long.parseLong(new String(b, 124, 11, StandardCharsets.US_ASCII), 8);
    assertThat(size).isEqualTo(content.length);
    long sum = 0;
    for (int i = 0; i < 512; i++) sum += (i >= 148 && i < 156) ? ' ' : (b[i] & 0xff);
    assertThat(Long.parseLong(new String(b, 148, 6, StandardCharsets.US_ASCII), 8)).isEqualTo(sum);
    assertThat(new String(b, 512, content.length, StandardCharsets.UTF_8)).isEqualTo("FROM scratch\n");
  }

  @Test
  void uploadedTarIsKeptAsIs() throws Exception {
    byte[] data = new byte[1024];
    data[0] = 42;
    Path tar = TarWrapper.spool("ctx.tar.gz", new ByteArrayInputStream(data), 1 << 20);
    assertThat(Files.readAllBytes(tar)).isEqualTo(data);
    Files.delete(tar);
  }
}
