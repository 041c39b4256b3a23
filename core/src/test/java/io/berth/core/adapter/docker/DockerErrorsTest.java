package io.berth.core.adapter.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.core.exception.InvalidRepositoryNameException;
import io.berth.core.engine.EngineException;
import io.berth.core.result.Failure;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {
  final DockerErrors errors = new DockerErrors("local", "unix:///var/run/docker.sock");

  @Test
  void httpStatusExceptionsMapToFailuresKeepingTheEnginesMessage() {
    EngineException nf = errors.translate(new NotFoundException("{\"message\":\"No such container: web\"}\n"));
    assertThat(nf.kind()).isEqualTo(Failure.NOT_FOUND);
    assertThat(nf.getMessage()).isEqualTo("No such container: web");
    assertThat(errors.translate(new ConflictException("{\"message\":\"in use\"}")).kind()).isEqualTo(Failure.CONFLICT);
    assertThat(errors.translate(new NotModifiedException("")).kind()).isEqualTo(Failure.NOT_MODIFIED);
    assertThat(errors.translate(new BadRequestException("{\"message\":\"bad\"}")).kind()).isEqualTo(Failure.INVALID);
    EngineException ise = errors.translate(new InternalServerErrorException(
        "{\"message\":\"port is already allocated\"}"));
    assertThat(ise.kind()).isEqualTo(Failure.INVALID);
    assertThat(ise.getMessage()).isEqualTo("port is already allocated");
  }

  @Test
  void connectionFailureIsUnreachableAndSaysWhereAndHow() {
    EngineException e = errors.translate(new RuntimeException(new IOException("native connect() failed : No such file or directory")));
    assertThat(e.kind()).isEqualTo(Failure.ENGINE_UNREACHABLE);
    assertThat(e.getMessage()).contains("unix:///var/run/docker.sock").contains("No such file or directory")
        .contains("dockerd").contains("DOCKER_HOST").contains("docker group");
  }

  @Test
  void socketTimeoutIsTimeout() {
    assertThat(errors.translate(new RuntimeException(new SocketTimeoutException("Read timed out"))).kind())
        .isEqualTo(Failure.TIMEOUT);
  }

  @Test
  void engineExceptionsPassThroughUnchanged() {
    EngineException original = new EngineException(Failure.INVALID, "x");
    assertThat(errors.translate(original)).isSameAs(original);
  }

  @Test
  void noMessageNamesAJavaClass() {
    List<RuntimeException> failures = List.of(
        new InvalidRepositoryNameException("Repository name \"Conf/UPPER\" is invalid. Component: Conf"),
        new DockerClientException("Error during build: java.io.FileNotFoundException: /ctx/Dockerfile (No such file)"),
        new IllegalStateException(),
        new NullPointerException(),
        new RuntimeException("java.lang.IllegalStateException: connection pool shut down"),
        new RuntimeException(new IllegalArgumentException("com.github.dockerjava.api.exception.DockerException: bad")),
        new NotFoundException((String) null),
        new RuntimeException(new SocketTimeoutException("Read timed out")));
    for (RuntimeException failure : failures) {
      String message = errors.translate(failure).getMessage();
      assertThat(message).as("%s", failure).doesNotContain("com.github").doesNotContain("java.")
          .doesNotContain("Exception").isNotBlank();
    }
    assertThat(errors.translate(failures.get(0)).kind()).isEqualTo(Failure.INVALID);
    assertThat(errors.translate(failures.get(0)).getMessage()).contains("Repository name \"Conf/UPPER\" is invalid");
  }
}
