package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SshForwardTest {
  @Test
  void theSystemSshClientForwardsTheRemoteSocketWithTheHostKeyCheckedAndNoShell() throws Exception {
    Path localDir;
    try (SshForward f = new SshForward("edge", "deploy@edge-1.invalid:2222", Path.of("/keys/id"), Path.of("/keys/known"),
        "/srv/docker.sock")) {
      assertThat(f.command()).startsWith("ssh", "-N").containsSequence("-o", "BatchMode=yes")
          .containsSequence("-o", "StrictHostKeyChecking=yes").containsSequence("-o", "UserKnownHostsFile=/keys/known")
          .containsSequence("-i", "/keys/id").containsSequence("-p", "2222")
          .endsWith("--", "deploy@edge-1.invalid");
      String forward = f.command().get(f.command().indexOf("-L") + 1);
      assertThat(forward).endsWith(":/srv/docker.sock");
      Path local = Path.of(forward.substring(0, forward.lastIndexOf(':')));
      localDir = local.getParent();
      assertThat(Files.getPosixFilePermissions(localDir)).as("only Berth's user reaches the socket")
          .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
      assertThat(f.host()).isEqualTo("unix://" + local);
    }
    assertThat(localDir).as("closed: its directory is gone").doesNotExist();
  }
}
