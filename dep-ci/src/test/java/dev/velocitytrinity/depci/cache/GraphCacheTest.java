package dev.velocitytrinity.depci.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.depci.graph.Edge;
import dev.velocitytrinity.depci.graph.ExternalImport;
import dev.velocitytrinity.depci.graph.FileNode;
import dev.velocitytrinity.depci.graph.ImportGraph;
import dev.velocitytrinity.depci.graph.UnresolvedImport;
import dev.velocitytrinity.depci.parse.ImportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCacheTest {

  @TempDir Path dir;

  private static final ImportGraph GRAPH =
      ImportGraph.of(
          List.of(new FileNode("a.ts", "typescript"), new FileNode("b.py", "python")),
          List.of(new Edge("a.ts", "data.json", ImportKind.STATIC, "./data.json", 1, 19)),
          List.of(new ExternalImport("b.py", "os.path", "os", 2, 8)),
          List.of(new UnresolvedImport("a.ts", "@x/y", false, "matched path pattern", 3, 8)));

  @Test
  void save_thenLoadWithSameKey_returnsEqualGraph() throws Exception {
    Path file = dir.resolve("graph.bin");
    GraphCache.save(file, keys("key-1"), Map.of(), GRAPH);

    ImportGraph loaded = GraphCache.load(file, "key-1", dir).orElseThrow();

    assertThat(loaded.files()).isEqualTo(GRAPH.files());
    assertThat(loaded.edges()).isEqualTo(GRAPH.edges());
    assertThat(loaded.externals()).isEqualTo(GRAPH.externals());
    assertThat(loaded.unresolved()).isEqualTo(GRAPH.unresolved());
  }

  @Test
  void load_otherKeyMissingOrCorruptFile_misses() throws Exception {
    Path file = dir.resolve("graph.bin");
    assertThat(GraphCache.load(file, "key-1", dir)).isEmpty();

    GraphCache.save(file, keys("key-1"), Map.of(), GRAPH);
    assertThat(GraphCache.load(file, "key-2", dir)).isEmpty();

    Files.write(file, new byte[] {1, 2, 3});
    assertThat(GraphCache.load(file, "key-1", dir)).isEmpty();
  }

  @Test
  void load_diskProbeAnswersDifferently_misses() throws Exception {
    Path file = dir.resolve("graph.bin");
    GraphCache.save(file, keys("key"), Map.of("gen/api.ts", false), GRAPH);
    assertThat(GraphCache.load(file, "key", dir)).isPresent();

    Files.createDirectories(dir.resolve("gen"));
    Files.writeString(dir.resolve("gen/api.ts"), "export {};");

    assertThat(GraphCache.load(file, "key", dir)).isEmpty();
  }

  @Test
  void loadByStat_sameStatKeyAndInputsOlderThanTheRacyWindow_hits() throws Exception {
    Path file = dir.resolve("graph.bin");
    GraphCache.save(file, new GraphCache.Keys("content", "stat", 100_000), Map.of(), GRAPH);

    assertThat(GraphCache.loadByStat(file, "stat", 100_000 - 2_001, dir))
        .hasValueSatisfying(g -> assertThat(g.edges()).isEqualTo(GRAPH.edges()));
    assertThat(GraphCache.loadByStat(file, "other", 0, dir)).isEmpty();
    // The content key is another key: a stat key never matches it, nor the other way round.
    assertThat(GraphCache.loadByStat(file, "content", 0, dir)).isEmpty();
    assertThat(GraphCache.load(file, "stat", dir)).isEmpty();
  }

  @Test
  void loadByStat_inputModifiedWithinTheRacyWindowOfTheScan_misses() throws Exception {
    Path file = dir.resolve("graph.bin");
    GraphCache.save(file, new GraphCache.Keys("content", "stat", 100_000), Map.of(), GRAPH);

    // Size and time may be unchanged after an edit in the same clock tick as the scan.
    assertThat(GraphCache.loadByStat(file, "stat", 100_000 - 2_000, dir)).isEmpty();
    assertThat(GraphCache.loadByStat(file, "stat", 100_000, dir)).isEmpty();
  }

  private static GraphCache.Keys keys(String content) {
    return new GraphCache.Keys(content, "stat-of-" + content, 0);
  }
}
