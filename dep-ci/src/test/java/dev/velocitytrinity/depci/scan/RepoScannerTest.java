package dev.velocitytrinity.depci.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.depci.parse.SourceLanguage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoScannerTest {

  @TempDir Path root;

  private void write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void scan_gitignoreRulesNestedAndNegated_areHonoured() throws Exception {
    write(".gitignore", "dist/\n*.log\n/top-only.ts\n");
    write("src/.gitignore", "gen-*.ts\n!gen-keep.ts\n");
    write("src/a.ts", "");
    write("src/gen-drop.ts", "");
    write("src/gen-keep.ts", "");
    write("dist/out.js", "");
    write("top-only.ts", "");
    write("nested/top-only.ts", "");
    write("node_modules/dep/index.js", "");
    write("debug.log", "");

    RepoFiles files = new RepoScanner(2).scan(root, ScanRules.defaults());

    assertThat(files.sources())
        .containsExactly("nested/top-only.ts", "src/a.ts", "src/gen-keep.ts");
    assertThat(files.files()).contains("src/.gitignore").doesNotContain("debug.log");
  }

  @Test
  void scan_deepAndWideTree_findsEveryFileWithItsSizeOnceAndSkipsLinks() throws Exception {
    List<String> expected = new java.util.ArrayList<>();
    for (int d = 0; d < 12; d++) {
      String dir = "d" + d + "/x".repeat(d % 4);
      for (int f = 0; f < 25; f++) {
        write(dir + "/m" + f + ".ts", "x".repeat(f));
        expected.add(dir + "/m" + f + ".ts");
      }
    }
    Files.createSymbolicLink(root.resolve("linked-dir"), root.resolve("d1"));
    Files.createSymbolicLink(root.resolve("linked.ts"), root.resolve("d0/m0.ts"));

    RepoFiles files = new RepoScanner(3).scan(root, ScanRules.defaults());

    assertThat(files.sources()).containsExactlyInAnyOrderElementsOf(expected).isSorted();
    assertThat(files.stat("d5/x/m7.ts").size()).isEqualTo(7);
    assertThat(files.files())
        .doesNotContain("linked.ts")
        .noneMatch(f -> f.startsWith("linked-dir"));
  }

  @Test
  void scan_includeExcludeAndLanguages_filterSources() throws Exception {
    write("src/a.ts", "");
    write("src/a.test.ts", "");
    write("src/fixtures/f.ts", "");
    write("tool.py", "");

    ScanRules rules =
        new ScanRules(
            List.of("."),
            List.of(Glob.of("src/**")),
            List.of(Glob.of("**/fixtures/**"), Glob.of("*.test.ts")),
            true,
            Set.of(SourceLanguage.TYPESCRIPT));

    assertThat(new RepoScanner(2).scan(root, rules).sources()).containsExactly("src/a.ts");
  }

  @Test
  void glob_unanchoredPattern_matchesNameAtAnyDepth() {
    assertThat(Glob.of("*.ts").matches("a/b/c.ts")).isTrue();
    assertThat(Glob.of("src/*.ts").matches("src/a/b.ts")).isFalse();
    assertThat(Glob.of("src/**/*.ts").matches("src/a/b.ts")).isTrue();
    assertThat(Glob.of("src/**/*.ts").matches("src/b.ts")).isTrue();
    assertThat(Glob.of("file[0-9].ts").matches("x/file7.ts")).isTrue();
  }
}
