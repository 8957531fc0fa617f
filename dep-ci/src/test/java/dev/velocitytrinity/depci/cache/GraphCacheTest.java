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
    GraphCache.save(file, "key-1", Map.of(), GRAPH);

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

    GraphCache.save(file, "key-1", Map.of(), GRAPH);
    assertThat(GraphCache.load(file, "key-2", dir)).isEmpty();

    Files.write(file, new byte[] {1, 2, 3});
    assertThat(GraphCache.load(file, "key-1", dir)).isEmpty();
  }

  @Test
  void load_diskProbeAnswersDifferently_misses() throws Exception {
    Path file = dir.resolve("graph.bin");
    GraphCache.save(file, "key", Map.of("gen/api.ts", false), GRAPH);
    assertThat(GraphCache.load(file, "key", dir)).isPresent();

    Files.createDirectories(dir.resolve("gen"));
    Files.writeString(dir.resolve("gen/api.ts"), "export {};");

    assertThat(GraphCache.load(file, "key", dir)).isEmpty();
  }
}
