package io.berth.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Docker's reference grammar; cases from distribution/reference's reference_test.go and the issue-9 attack. */
class ImageRefTest {
  static final String HEX64 = "f".repeat(64);

  static Stream<Arguments> valid() {
    // input, domain, path, tag, digest
    return Stream.of(
        Arguments.of("test_com", null, "test_com", null, null),
        Arguments.of("test.com:tag", null, "test.com", "tag", null),
        Arguments.of("test.com:5000", null, "test.com", "5000", null),
        Arguments.of("test.com/repo:tag", "test.com", "repo", "tag", null),
        Arguments.of("test:5000/repo", "test:5000", "repo", null, null),
        Arguments.of("test:5000/repo:tag", "test:5000", "repo", "tag", null),
        Arguments.of("test:5000/repo@sha256:" + HEX64, "test:5000", "repo", null, "sha256:" + HEX64),
        Arguments.of("test:5000/repo:tag@sha256:" + HEX64, "test:5000", "repo", "tag", "sha256:" + HEX64),
        Arguments.of("lowercase:Uppercase", null, "lowercase", "Uppercase", null),
        Arguments.of("a/".repeat(127) + "a:tag-puts-this-over-max", null, "a/".repeat(127) + "a", "tag-puts-this-over-max", null),
        Arguments.of("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag", null),
        Arguments.of("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com", null),
        Arguments.of("xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", null),
        Arguments.of("foo_bar.com:8080", null, "foo_bar.com", "8080", null),
        Arguments.of("foo/foo_bar.com:8080", null, "foo/foo_bar.com", "8080", null),
        Arguments.of("192.168.1.1", null, "192.168.1.1", null, null),
        Arguments.of("192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050", null),
        Arguments.of("[2001:db8::1]:5000/repo:tag", "[2001:db8::1]:5000", "repo", "tag", null),
        Arguments.of("[::1]:5000/repo", "[::1]:5000", "repo", null, null),
        Arguments.of("localhost/x", "localhost", "x", null, null),
        Arguments.of("localhost:5000/hello-world:latest", "localhost:5000", "hello-world", "latest", null),
        Arguments.of("a__b/c---d/e.f_g:1.36", null, "a__b/c---d/e.f_g", "1.36", null),
        Arguments.of("Registry.Example.com/team/app:v2", "Registry.Example.com", "team/app", "v2", null),
        Arguments.of("a".repeat(255), null, "a".repeat(255), null, null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("valid")
  void acceptsWhatDockerAccepts(String input, String domain, String path, String tag, String digest) {
    ImageRef ref = ImageRef.parse(input);
    assertThat(ref.domain()).isEqualTo(domain);
    assertThat(ref.path()).isEqualTo(path);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isEqualTo(digest);
    assertThat(ref.toString()).isEqualTo(input);
  }

  static Stream<Arguments> invalid() {
    // input, docker's words
    String format = "invalid reference format";
    return Stream.of(
        Arguments.of("", format + ": repository name must have at least one component"),
        Arguments.of(":justtag", format),
        Arguments.of("@sha256:" + HEX64, format),
        Arguments.of("bad::ref", format),
        Arguments.of("a/../b", format),
        Arguments.of("../containers/victim?force=1", format),
        Arguments.of("x/../../containers/victim", format),
        Arguments.of("x/../../volumes/data", format),
        Arguments.of("x%2f..%2fcontainers%2fvictim", format),
        Arguments.of("x%2F..%2Fcontainers%2Fvictim", format + ": repository name must be lowercase"),
        Arguments.of("a/b/", format),
        Arguments.of("/a", format),
        Arguments.of("a//b", format),
        Arguments.of("a:tag with space", format),
        Arguments.of("x:tag with space", format),
        Arguments.of("x:" + "t".repeat(129), format),
        Arguments.of("x:-tag", format),
        Arguments.of("aa/asdf$$^/aa", format),
        Arguments.of("x?force=1", format),
        Arguments.of("x#frag", format),
        Arguments.of("x\u0000y", format),
        Arguments.of("[2001:db8::1]", format),
        Arguments.of("[2001:db8::1]:5000", format),
        Arguments.of("[fe80::1%eth0]:5000/repo", format),
        Arguments.of("-rf", format),
        Arguments.of("Uppercase:tag", format + ": repository name must be lowercase"),
        Arguments.of("UPPER/x", format + ": repository name must be lowercase"),
        Arguments.of("test:5000/Uppercase/lowercase:tag", format + ": repository name must be lowercase"),
        Arguments.of("localhost:5000/Conf/UPPER", format + ": repository name must be lowercase"),
        Arguments.of("domain/" + "a".repeat(256) + ":tag", format + ": repository name must not be more than 255 characters"),
        Arguments.of("a".repeat(256), format + ": repository name must not be more than 255 characters"),
        Arguments.of("x@sha256:short", format),
        Arguments.of("repo@sha256:" + "f".repeat(34), format + ": invalid checksum digest length"),
        Arguments.of("repo@sha256:" + "F".repeat(64), format + ": invalid checksum digest format"),
        Arguments.of("validname@invaliddigest:" + HEX64, format + ": unsupported digest algorithm"),
        Arguments.of(HEX64, "invalid repository name, cannot specify 64-byte hexadecimal strings"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void refusesTheRestInDockersWords(String input, String words) {
    assertThatThrownBy(() -> ImageRef.parse(input))
        .isInstanceOf(ImageRef.InvalidReference.class)
        .hasMessageEndingWith(": " + words)
        .satisfies(e -> assertThat(((ImageRef.InvalidReference) e).reason()).isEqualTo(words));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "abc123", "hello:1"})
  void anImageIdIsFineWhereDockerTakesAnyReference(String input) {
    ImageRef ref = ImageRef.parseAny(input);
    assertThat(ImageRef.isValid(input)).isTrue();
    assertThat(ref.toString()).endsWith(input);
  }

  @Test
  void anyReferenceStillRefusesPathsAndBadIds() {
    assertThat(ImageRef.isValid("x/../../containers/victim")).isFalse();
    assertThat(ImageRef.isValid("sha256:" + "f".repeat(63))).as("a short digest is a name:tag, and 63 hex is a fine tag")
        .isTrue();
    assertThat(ImageRef.isValid("sha256:../x")).isFalse();
    assertThat(ImageRef.isValid(null)).isFalse();
  }

  @Test
  void pullsTheDigestOrTheTagOrLatest() {
    assertThat(ImageRef.parse("busybox").tagOrDigest()).isEqualTo("latest");
    assertThat(ImageRef.parse("localhost:5000/x:1").tagOrDigest()).isEqualTo("1");
    assertThat(ImageRef.parse("x:1@sha256:" + HEX64).tagOrDigest()).isEqualTo("sha256:" + HEX64);
    assertThat(ImageRef.parse("localhost:5000/x").name()).isEqualTo("localhost:5000/x");
    assertThat(ImageRef.parse("localhost:5000/x").withDefaultTag()).isEqualTo("localhost:5000/x:latest");
  }

  @Test
  void hostileInputIsRefusedQuickly() {
    long start = System.nanoTime();
    for (String s : new String[] {"a" + "-".repeat(510) + "!", "a.".repeat(255) + "/", "a-".repeat(250) + "A",
        "a" + "-".repeat(5000) + "!", "a".repeat(100_000)}) {
      assertThat(ImageRef.isValid(s)).isFalse();
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
  }

  @Test
  void requestsRefuseInvalidReferencesWhereverTheyAreBuilt() {
    assertThatThrownBy(() -> new Rmi("x/../../containers/victim", true)).isInstanceOf(ImageRef.InvalidReference.class)
        .hasMessageContaining("invalid reference format");
    assertThatThrownBy(() -> new Pull("UPPER/x")).hasMessageContaining("invalid reference format: repository name must be lowercase");
    assertThatThrownBy(() -> Run.of("a/../b")).hasMessageContaining("invalid reference format");
    assertThatThrownBy(() -> new Build("x:tag with space", new Build.Directory("."))).hasMessageContaining("invalid reference format");
    assertThatThrownBy(() -> new Run("img", "../x", false, java.util.List.of(), java.util.List.of(), java.util.Map.of(),
        java.util.List.of(), "no", false, java.util.List.of(), null)).hasMessageContaining("Invalid container name (../x)");
  }

  @Test
  void containerNamesAndReferencesFollowDockersGrammar() {
    assertThat(ContainerName.isName("web-1.a_b")).isTrue();
    assertThat(ContainerName.isName("b")).as("docker needs two characters").isFalse();
    assertThat(ContainerName.isName("../x")).isFalse();
    assertThat(ContainerName.isName("a/b")).isFalse();
    assertThat(ContainerName.isName("a%2Fb")).isFalse();
    assertThat(ContainerName.isName("a?force=1")).isFalse();
    assertThat(ContainerName.isReference("/web")).isTrue();
    assertThat(ContainerName.isReference("f")).as("an id prefix").isTrue();
    assertThat(ContainerName.isReference("..")).isFalse();
    assertThat(ContainerName.isReference("x/../../images/y")).isFalse();
    assertThat(ContainerName.isEngineId(HEX64)).isTrue();
    assertThat(ContainerName.isEngineId("abc")).isFalse();
  }
}
