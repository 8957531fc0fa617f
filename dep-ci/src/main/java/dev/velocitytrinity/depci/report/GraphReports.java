package dev.velocitytrinity.depci.report;

import dev.velocitytrinity.depci.graph.AffectedFile;
import dev.velocitytrinity.depci.graph.Edge;
import dev.velocitytrinity.depci.graph.ExternalImport;
import dev.velocitytrinity.depci.graph.FileNode;
import dev.velocitytrinity.depci.graph.ImportGraph;
import dev.velocitytrinity.depci.graph.UnresolvedImport;
import dev.velocitytrinity.depci.parse.ImportKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders graphs and answers in the documented formats (docs/cli/dep-ci.md). JSON documents are
 * built as ordered maps so field order is part of the contract.
 */
public final class GraphReports {

  public static final int SCHEMA_VERSION = 1;

  private GraphReports() {}

  public static Map<String, Object> graphJson(ImportGraph graph) {
    Map<String, Object> doc = header("dep-ci/graph");
    List<Object> files = new ArrayList<>();
    for (FileNode file : graph.files()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("path", file.path());
      node.put("language", file.language());
      files.add(node);
    }
    doc.put("files", files);
    doc.put("edges", graph.edges().stream().map(GraphReports::edgeJson).toList());
    List<Object> externals = new ArrayList<>();
    for (ExternalImport external : graph.externals()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("from", external.from());
      node.put("specifier", external.specifier());
      node.put("package", external.packageName());
      node.put("line", external.line());
      node.put("column", external.column());
      externals.add(node);
    }
    doc.put("externals", externals);
    doc.put("unresolved", unresolvedJson(graph.unresolved()));
    return doc;
  }

  public static Map<String, Object> edgeJson(Edge edge) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("from", edge.from());
    node.put("to", edge.to());
    node.put("kind", edge.kind().label());
    node.put("specifier", edge.specifier());
    node.put("line", edge.line());
    node.put("column", edge.column());
    return node;
  }

  public static List<Object> unresolvedJson(Collection<UnresolvedImport> unresolved) {
    List<Object> out = new ArrayList<>();
    for (UnresolvedImport miss : unresolved) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("from", miss.from());
      node.put("specifier", miss.specifier());
      node.put("relative", miss.relative());
      node.put("reason", miss.reason());
      node.put("line", miss.line());
      node.put("column", miss.column());
      out.add(node);
    }
    return out;
  }

  public static Map<String, Object> unresolvedDocument(Collection<UnresolvedImport> unresolved) {
    Map<String, Object> doc = header("dep-ci/unresolved");
    doc.put("unresolved", unresolvedJson(unresolved));
    return doc;
  }

  public static Map<String, Object> analyzeJson(
      Collection<String> changed, List<AffectedFile> affected, boolean explain) {
    Map<String, Object> doc = header("dep-ci/analyze");
    doc.put("changed", List.copyOf(changed));
    List<Object> files = new ArrayList<>();
    for (AffectedFile file : affected) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("path", file.path());
      if (explain) {
        node.put("chain", file.chain().stream().map(GraphReports::edgeJson).toList());
      }
      files.add(node);
    }
    doc.put("affected", files);
    return doc;
  }

  /** One hop of an explanation: {@code src/main.ts:1:19 imports './utils' -> src/utils.ts}. */
  public static String hop(Edge edge) {
    String verb =
        switch (edge.kind()) {
          case STATIC -> "imports";
          case TYPE -> "imports type";
          case DYNAMIC -> "imports dynamically";
          case RE_EXPORT -> "re-exports";
          case REQUIRE -> "requires";
          case REFERENCE -> "references";
        };
    return edge.from()
        + ":"
        + edge.line()
        + ":"
        + edge.column()
        + " "
        + verb
        + " '"
        + edge.specifier()
        + "' -> "
        + edge.to();
  }

  /** {@code path:line:col: error: cannot resolve './x'}, warning for non-relative misses. */
  public static String unresolvedLine(UnresolvedImport miss) {
    return miss.from()
        + ":"
        + miss.line()
        + ":"
        + miss.column()
        + (miss.relative() ? ": error: " : ": warning: ")
        + "cannot resolve '"
        + miss.specifier()
        + "' ("
        + miss.reason()
        + ")";
  }

  public static String text(ImportGraph graph) {
    StringBuilder out = new StringBuilder();
    for (Edge edge : graph.edges()) {
      out.append(edge.from())
          .append(" -> ")
          .append(edge.to())
          .append(" (")
          .append(edge.kind().label())
          .append(")\n");
    }
    return out.toString();
  }

  public static String dot(ImportGraph graph) {
    StringBuilder out =
        new StringBuilder("digraph imports {\n  rankdir=LR;\n  node [shape=box];\n");
    for (FileNode file : graph.files()) {
      out.append("  ").append(quote(file.path())).append(";\n");
    }
    for (Edge edge : graph.edges()) {
      out.append("  ").append(quote(edge.from())).append(" -> ").append(quote(edge.to()));
      String style =
          edge.kind() == ImportKind.TYPE
              ? "dashed"
              : edge.kind() == ImportKind.DYNAMIC ? "dotted" : null;
      List<String> attrs = new ArrayList<>();
      if (style != null) {
        attrs.add("style=" + style);
      }
      if (edge.kind() != ImportKind.STATIC) {
        attrs.add("label=" + quote(edge.kind().label()));
      }
      if (!attrs.isEmpty()) {
        out.append(" [").append(String.join(", ", attrs)).append(']');
      }
      out.append(";\n");
    }
    return out.append("}\n").toString();
  }

  public static String mermaid(ImportGraph graph) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    Map<String, String> ids = new HashMap<>();
    for (FileNode file : graph.files()) {
      String id = "n" + ids.size();
      ids.put(file.path(), id);
      out.append("  ")
          .append(id)
          .append("[\"")
          .append(file.path().replace("\"", "#quot;"))
          .append("\"]\n");
    }
    for (Edge edge : graph.edges()) {
      out.append("  ").append(ids.get(edge.from()));
      if (edge.kind() == ImportKind.STATIC) {
        out.append(" --> ");
      } else if (edge.kind() == ImportKind.TYPE || edge.kind() == ImportKind.DYNAMIC) {
        out.append(" -.->|").append(edge.kind().label()).append("| ");
      } else {
        out.append(" -->|").append(edge.kind().label()).append("| ");
      }
      out.append(ids.get(edge.to())).append('\n');
    }
    return out.toString();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Map<String, Object> header(String schema) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", schema);
    doc.put("version", SCHEMA_VERSION);
    return doc;
  }
}
