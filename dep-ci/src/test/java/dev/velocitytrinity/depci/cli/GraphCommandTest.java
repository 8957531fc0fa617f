package dev.velocitytrinity.depci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {

  @TempDir Path root;

  private CliHarness cli;

  private void write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @BeforeEach
  void repo() throws Exception {
    write("a.ts", "import { b } from './b';\n");
    write("b.ts", "import type { C } from './c';\nexport const b = 1;\n");
    write("c.ts", "const d = () => import('./d');\nexport type C = 1;\n");
    write("d.ts", "export default 1;\n");
    cli = CliHarness.of(DepCiCli::run, root);
  }

  @Test
  void graph_text_oneEdgePerLine() {
    CliResult result = cli.run("graph");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out())
        .isEqualTo("a.ts -> b.ts (static)\nb.ts -> c.ts (type)\nc.ts -> d.ts (dynamic)\n");
  }

  @Test
  void graph_dot_styledByKind() {
    assertThat(cli.run("graph", "--as", "dot").out())
        .startsWith("digraph imports {")
        .contains("\"a.ts\" -> \"b.ts\";")
        .contains("\"b.ts\" -> \"c.ts\" [style=dashed, label=\"type\"];")
        .contains("\"c.ts\" -> \"d.ts\" [style=dotted, label=\"dynamic\"];");
  }

  @Test
  void graph_mermaid_isFlowchart() {
    assertThat(cli.run("graph", "--as", "mermaid").out())
        .isEqualTo(
            "flowchart LR\n"
                + "  n0[\"a.ts\"]\n  n1[\"b.ts\"]\n  n2[\"c.ts\"]\n  n3[\"d.ts\"]\n"
                + "  n0 --> n1\n  n1 -.->|type| n2\n  n2 -.->|dynamic| n3\n");
  }

  @Test
  void graph_globalFormatJson_sameAsJsonRendering() {
    assertThat(cli.run("--format", "json", "graph").out())
        .isEqualTo(cli.run("graph", "--as", "json").out())
        .contains("\"schema\" : \"dep-ci/graph\"");
  }

  @Test
  void graph_focusWithDepth_keepsNeighbourhood() {
    assertThat(cli.run("graph", "--focus", "a.ts", "--depth", "1").out())
        .isEqualTo("a.ts -> b.ts (static)\n");
    assertThat(cli.run("graph", "--focus", "a.ts", "--depth", "2").out())
        .isEqualTo("a.ts -> b.ts (static)\nb.ts -> c.ts (type)\n");
  }

  @Test
  void graph_focusOnUnknownFile_isUsageError() {
    CliResult result = cli.run("graph", "--focus", "zzz.ts");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("dep-ci: error: zzz.ts: not a file of the import graph\n");
  }

  @Test
  void graph_unknownRendering_isUsageError() {
    CliResult result = cli.run("graph", "--as", "svg");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("dep-ci: error: ");
  }
}
