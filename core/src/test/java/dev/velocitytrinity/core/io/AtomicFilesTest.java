package dev.velocitytrinity.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writeString_existingFile_replacedWholeAndNoTempLeft() throws IOException {
    Path target = dir.resolve("sub/report.json");
    AtomicFiles.writeString(target, "old");

    AtomicFiles.writeString(target, "new content");

    assertThat(target).hasContent("new content");
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC}) // POSIX permissions; Windows ACLs are out of scope
  void writePrivate_key_isOwnerOnly() throws IOException {
    Path key = dir.resolve("client.key");

    AtomicFiles.writePrivate(key, new byte[] {1, 2, 3});

    assertThat(Files.readAllBytes(key)).containsExactly(1, 2, 3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC}) // POSIX permissions
  void write_normalFile_isWorldReadable() throws IOException {
    Path file = dir.resolve("plain.txt");

    AtomicFiles.write(file, new byte[] {42});

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }
}
