package dev.velocitytrinity.depci.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.velocitytrinity.depci.parse.ImportKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportGraphTest {

  private static Edge edge(String from, String to) {
    return new Edge(from, to, ImportKind.STATIC, "./" + to, 1, 1);
  }

  private static ImportGraph graph(Edge... edges) {
    return ImportGraph.of(List.of(), List.of(edges), List.of(), List.of());
  }

  @Test
  void affected_transitiveImporters_listedSortedWithShortestChain() {
    ImportGraph graph = graph(edge("main", "mid"), edge("mid", "leaf"), edge("other", "leaf"));

    List<AffectedFile> affected = graph.affected(Set.of("leaf"));

    assertThat(affected).extracting(AffectedFile::path).containsExactly("main", "mid", "other");
    assertThat(affected.get(0).chain())
        .extracting(Edge::from, Edge::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("main", "mid"),
            org.assertj.core.groups.Tuple.tuple("mid", "leaf"));
  }

  @Test
  void affected_cycle_terminatesAndExcludesChangedFile() {
    ImportGraph graph = graph(edge("a", "b"), edge("b", "c"), edge("c", "a"));

    assertThat(graph.affected(Set.of("a")))
        .extracting(AffectedFile::path)
        .containsExactly("b", "c");
  }

  @Test
  void affected_changedFileImportingAnotherChanged_isListed() {
    ImportGraph graph = graph(edge("a", "b"));

    assertThat(graph.affected(Set.of("a", "b"))).isEmpty();
    assertThat(graph.affected(Set.of("b"))).extracting(AffectedFile::path).containsExactly("a");
  }

  @Test
  void affected_unknownPath_affectsNothing() {
    assertThat(graph(edge("a", "b")).affected(Set.of("zzz"))).isEmpty();
  }

  @Test
  void of_duplicateEdgesOfOneKind_keepsFirstOccurrence() {
    ImportGraph graph =
        ImportGraph.of(
            List.of(),
            List.of(
                new Edge("a", "b", ImportKind.STATIC, "./b", 5, 1),
                new Edge("a", "b", ImportKind.STATIC, "./b.js", 2, 1),
                new Edge("a", "b", ImportKind.TYPE, "./b", 3, 1)),
            List.of(),
            List.of());

    assertThat(graph.edges())
        .extracting(Edge::kind, Edge::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ImportKind.STATIC, 2),
            org.assertj.core.groups.Tuple.tuple(ImportKind.TYPE, 3));
    assertThat(graph.files()).extracting(FileNode::path).containsExactly("a", "b");
  }

  @Test
  void dependenciesAndDependents_directNeighbours_sorted() {
    ImportGraph graph = graph(edge("a", "c"), edge("a", "b"), edge("d", "b"));

    assertThat(graph.dependencies("a")).containsExactly("b", "c");
    assertThat(graph.dependents("b")).containsExactly("a", "d");
  }

  @Test
  void focus_depthOne_keepsNeighboursInBothDirections() {
    ImportGraph graph = graph(edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("x", "b"));

    ImportGraph focused = graph.focus("b", 1);

    assertThat(focused.files()).extracting(FileNode::path).containsExactly("a", "b", "c", "x");
    assertThat(focused.edges()).hasSize(3);
  }

  @Test
  void focus_unknownFileOrNegativeDepth_rejected() {
    ImportGraph graph = graph(edge("a", "b"));

    assertThatThrownBy(() -> graph.focus("nope", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> graph.focus("a", -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofCanonical_partsOfABuiltGraph_giveAnEqualGraph() {
    ImportGraph built =
        ImportGraph.of(
            List.of(new FileNode("a.ts", "typescript"), new FileNode("b.py", "python")),
            List.of(edge("c.ts", "a.ts"), edge("a.ts", "b.py"), edge("a.ts", "b.py")),
            List.of(
                new ExternalImport("b.py", "os", "os", 2, 1),
                new ExternalImport("a.ts", "zod", "zod", 1, 1)),
            List.of(new UnresolvedImport("a.ts", "./gone", true, "no such file", 3, 1)));

    ImportGraph again =
        ImportGraph.ofCanonical(
            built.files(), built.edges(), built.externals(), built.unresolved());

    assertThat(again.files()).isEqualTo(built.files());
    assertThat(again.edges()).isEqualTo(built.edges());
    assertThat(again.externals()).isEqualTo(built.externals());
    assertThat(again.unresolved()).isEqualTo(built.unresolved());
    assertThat(again.affected(Set.of("b.py")).stream().map(AffectedFile::path))
        .containsExactly("a.ts", "c.ts");
  }

  @Test
  void ofCanonical_unsortedDuplicatedOrDanglingParts_areNormalisedLikeOf() {
    List<FileNode> files = List.of(new FileNode("b.ts", "typescript"));
    List<Edge> edges = List.of(edge("b.ts", "c.ts"), edge("a.ts", "b.ts"), edge("a.ts", "b.ts"));

    ImportGraph normalised = ImportGraph.ofCanonical(files, edges, List.of(), List.of());
    ImportGraph built = ImportGraph.of(files, edges, List.of(), List.of());

    assertThat(normalised.files()).isEqualTo(built.files()).hasSize(3);
    assertThat(normalised.edges()).isEqualTo(built.edges()).hasSize(2);
  }
}
