package dev.velocitytrinity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {

  @TempDir Path root;

  @Test
  void cases_listsCaseFoldersSorted() throws IOException {
    Files.createDirectories(root.resolve("b-case"));
    Files.createDirectories(root.resolve("a-case"));
    Files.writeString(root.resolve("README"), "not a case");

    assertThat(GoldenFiles.cases(root))
        .containsExactly(root.resolve("a-case"), root.resolve("b-case"));
  }

  @Test
  void cases_emptyRoot_failsLoudly() {
    assertThatThrownBy(() -> GoldenFiles.cases(root)).isInstanceOf(AssertionError.class);
  }

  @Test
  void assertMatches_sameContent_passes_differentContent_fails() throws IOException {
    Path expected = root.resolve("expected.json");
    Files.writeString(expected, "{\"a\":1}\n");

    GoldenFiles.assertMatches(expected, "{\"a\":1}\n");
    assertThatThrownBy(() -> GoldenFiles.assertMatches(expected, "{\"a\":2}\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected.json");
  }
}
