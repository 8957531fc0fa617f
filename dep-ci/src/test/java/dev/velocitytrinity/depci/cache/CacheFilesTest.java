package dev.velocitytrinity.depci.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFilesTest {

  @TempDir Path dir;

  @Test
  void write_thenRead_returnsBody() throws Exception {
    Path file = dir.resolve("nested/cache.bin");
    byte[] body = "imports".getBytes(StandardCharsets.UTF_8);

    CacheFiles.write(file, body);

    assertThat(CacheFiles.read(file)).hasValueSatisfying(read -> assertThat(read).isEqualTo(body));
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void read_flippedByte_isAbsent() throws Exception {
    Path file = dir.resolve("cache.bin");
    CacheFiles.write(file, "imports".getBytes(StandardCharsets.UTF_8));
    byte[] bytes = Files.readAllBytes(file);
    bytes[2] ^= 1;
    Files.write(file, bytes);

    assertThat(CacheFiles.read(file)).isEmpty();
  }

  @Test
  void read_truncatedFile_isAbsent() throws Exception {
    Path file = dir.resolve("cache.bin");
    CacheFiles.write(file, "imports".getBytes(StandardCharsets.UTF_8));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

    assertThat(CacheFiles.read(file)).isEmpty();
    assertThat(CacheFiles.read(dir.resolve("missing.bin"))).isEmpty();
  }
}
