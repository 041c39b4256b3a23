package io.berth.core.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.core.engine.EngineException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** cp's local side: docker's placement rules, and a hostile archive from a container never writes outside DEST. */
class LocalTarFilesTest {
  @TempDir Path home;

  LocalTarFiles files() {
    return new LocalTarFiles(home, InputStream.nullInputStream(), new ByteArrayOutputStream());
  }

  /** A tar of entries: "name" a file holding its own name, "name/" a directory, "name->target" a symlink, "name=>target" a hard link. */
  static byte[] tar(String... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String e : entries) {
        if (e.contains("->") || e.contains("=>")) {
          boolean hard = e.contains("=>");
          String[] p = e.split(hard ? "=>" : "->");
          TarArchiveEntry link = new TarArchiveEntry(p[0], hard ? TarConstants.LF_LINK : TarConstants.LF_SYMLINK);
          link.setLinkName(p[1]);
          t.putArchiveEntry(link);
        } else if (e.endsWith("/")) {
          t.putArchiveEntry(new TarArchiveEntry(e));
        } else {
          byte[] content = e.getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry f = new TarArchiveEntry(e, true); // preserve leading "/" and ".." as a hostile archive would
          f.setSize(content.length);
          t.putArchiveEntry(f);
          t.write(content);
        }
        t.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  long extract(byte[] tar, String dest, boolean contentsOnly) {
    return files().extract(new ByteArrayInputStream(tar), dest, contentsOnly);
  }

  @Test
  void placesTheCopyAsDockerDoes() throws IOException {
    Files.createDirectory(home.resolve("into"));
    extract(tar("etc/", "etc/hosts", "etc/sub/", "etc/sub/x"), "into", false);
    assertThat(home.resolve("into/etc/sub/x")).hasContent("etc/sub/x");

    extract(tar("etc/", "etc/hosts"), "renamed", false);
    assertThat(home.resolve("renamed/hosts")).hasContent("etc/hosts");

    Files.createDirectory(home.resolve("contents"));
    extract(tar("etc/", "etc/hosts"), "contents", true);
    assertThat(home.resolve("contents/hosts")).hasContent("etc/hosts");

    extract(tar("hostname"), "copy.txt", false);
    assertThat(home.resolve("copy.txt")).hasContent("hostname");

    extract(tar("bin/", "bin/busybox", "bin/ls=>bin/busybox", "bin/sh->busybox"), "into", false);
    assertThat(home.resolve("into/bin/ls")).hasContent("bin/busybox");
    assertThat(Files.readSymbolicLink(home.resolve("into/bin/sh"))).isEqualTo(Path.of("busybox"));
  }

  @Test
  void aDirectoryIsNeverCopiedOntoAFileAndTheParentMustExist() throws IOException {
    Files.writeString(home.resolve("file"), "mine");
    assertThatThrownBy(() -> extract(tar("etc/", "etc/hosts"), "file", false))
        .hasMessageContaining("cannot copy a directory to a file");
    assertThat(home.resolve("file")).hasContent("mine");
    assertThatThrownBy(() -> extract(tar("hostname"), "no/such/dir/x", false)).hasMessageContaining("no such directory");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "../escaped",                               // climbs out of DEST
      "dir/../../escaped",                        // climbs out from inside
      "/tmp/escaped",                             // absolute
      "dir/|dir/link->../../|dir/link/escaped",   // a link the archive made, then written through
      "dir/|dir/abs->/etc",                       // a link pointing outside (absolute)
      "dir/|dir/up->../../outside",               // a link pointing outside (climbing)
      "dir/|dir/hard=>/etc/passwd",               // a hard link to a host file
      "dir/|dir/hard=>dir/../../outside"})        // a hard link climbing out
  void aHostileArchiveWritesNothingOutsideDest(String entries) throws IOException {
    Path dest = Files.createDirectories(home.resolve("a/b/dest"));
    assertThatThrownBy(() -> extract(tar(entries.split("\\|")), "a/b/dest", false))
        .isInstanceOf(EngineException.class).hasMessageContaining("cp: refusing archive entry");
    try (var all = Files.walk(home)) {
      assertThat(all.filter(p -> !p.startsWith(dest) && !p.equals(home) && !home.resolve("a/b").startsWith(p)))
          .as("nothing outside DEST").isEmpty();
    }
  }

  @Test
  void aLinkAlreadyInsideDestIsNotWrittenThrough() throws IOException {
    Path outside = Files.createDirectories(home.resolve("outside"));
    Path dest = Files.createDirectories(home.resolve("dest"));
    Files.createSymbolicLink(dest.resolve("etc"), outside);
    assertThatThrownBy(() -> extract(tar("etc/passwd"), "dest", false))
        .hasMessageContaining("written through the link");
    assertThat(outside).isEmptyDirectory();
    // an entry for the link's own name replaces the link; it is never followed
    extract(tar("etc/", "etc/passwd"), "dest", false);
    assertThat(outside).isEmptyDirectory();
    assertThat(Files.isSymbolicLink(dest.resolve("etc"))).isFalse();
    assertThat(dest.resolve("etc/passwd")).hasContent("etc/passwd");
  }

  @Test
  void archivesALocalPathWithItsRootRenamedAndLinksAsLinks() throws IOException {
    Path src = Files.createDirectories(home.resolve("src/sub"));
    Files.writeString(src.resolve("f.txt"), "hello");
    Files.createSymbolicLink(home.resolve("src/l"), Path.of("/etc/passwd"));
    try (TarArchiveInputStream in = new TarArchiveInputStream(files().archive("src", "app", false))) {
      java.util.List<String> names = new java.util.ArrayList<>();
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName() + (e.isSymbolicLink() ? "->" + e.getLinkName() : ""));
      }
      assertThat(names).containsExactlyInAnyOrder("app/", "app/sub/", "app/sub/f.txt", "app/l->/etc/passwd");
    }
  }
}
