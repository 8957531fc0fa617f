package dev.velocitytrinity.depci.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.depci.parse.ImportKind;
import dev.velocitytrinity.depci.parse.SourceImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionCacheTest {

  @TempDir Path dir;

  private static final List<SourceImport> IMPORTS =
      List.of(
          SourceImport.of("./a", ImportKind.STATIC, 1, 19),
          new SourceImport("pkg", ImportKind.TYPE, 2, 6, List.of("x", "*")));

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void save_thenLoad_servesEntryByStatAndByHash() throws Exception {
    Path file = dir.resolve("cache.bin");
    ExtractionCache cache = ExtractionCache.load(file, "fp");
    cache.put("src/a.ts", new ExtractionCache.Entry(10, NOW - 60_000, "h1", IMPORTS));
    cache.save(NOW);

    ExtractionCache loaded = ExtractionCache.load(file, "fp");

    assertThat(loaded.byStat("src/a.ts", 10, NOW - 60_000)).contains(IMPORTS);
    assertThat(loaded.byStat("src/a.ts", 11, NOW - 60_000)).isEmpty();
    assertThat(loaded.byHash("h1")).contains(IMPORTS);
    assertThat(loaded.unchanged()).isTrue();
  }

  @Test
  void byStat_fileModifiedJustBeforeSave_isNotTrusted() throws Exception {
    Path file = dir.resolve("cache.bin");
    ExtractionCache cache = ExtractionCache.load(file, "fp");
    cache.put("a.ts", new ExtractionCache.Entry(10, NOW - 500, "h1", IMPORTS));
    cache.save(NOW);

    assertThat(ExtractionCache.load(file, "fp").byStat("a.ts", 10, NOW - 500)).isEmpty();
  }

  @Test
  void load_otherFingerprint_startsEmpty() throws Exception {
    Path file = dir.resolve("cache.bin");
    ExtractionCache cache = ExtractionCache.load(file, "v1");
    cache.put("a.ts", new ExtractionCache.Entry(1, 1, "h", IMPORTS));
    cache.save(NOW);

    assertThat(ExtractionCache.load(file, "v2").byHash("h")).isEmpty();
  }

  @Test
  void load_truncatedFile_startsEmpty() throws Exception {
    Path file = dir.resolve("cache.bin");
    ExtractionCache cache = ExtractionCache.load(file, "fp");
    cache.put("a.ts", new ExtractionCache.Entry(1, 1, "h", IMPORTS));
    cache.save(NOW);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    ExtractionCache loaded = ExtractionCache.load(file, "fp");

    assertThat(loaded.byHash("h")).isEmpty();
    assertThat(loaded.unchanged()).isFalse();
  }

  @Test
  void save_leavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("sub/cache.bin");
    ExtractionCache cache = ExtractionCache.load(file, "fp");
    cache.put("a.ts", new ExtractionCache.Entry(1, 1, "h", IMPORTS));
    cache.save(NOW);

    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }
}
