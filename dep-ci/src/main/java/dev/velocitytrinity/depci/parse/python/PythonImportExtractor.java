package dev.velocitytrinity.depci.parse.python;

import dev.velocitytrinity.depci.parse.ImportExtractor;
import dev.velocitytrinity.depci.parse.ImportKind;
import dev.velocitytrinity.depci.parse.KeywordRegions;
import dev.velocitytrinity.depci.parse.NativeRuntime;
import dev.velocitytrinity.depci.parse.SourceImport;
import dev.velocitytrinity.depci.parse.TreeSitterSources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * Extracts Python imports: {@code import a.b.c}, {@code from a.b import c}, relative {@code from .
 * import x} and {@code from ..pkg import y}. Imports under {@code if TYPE_CHECKING:} are kept as
 * {@link ImportKind#TYPE}, imports inside a function as {@link ImportKind#DYNAMIC} (they run only
 * when it is called). Not thread-safe: one instance per thread.
 */
public final class PythonImportExtractor implements ImportExtractor {

  static {
    NativeRuntime.active(); // before any binding class loads: see NativeRuntime
  }

  private static final String QUERY =
      """
      (import_statement) @import
      (import_from_statement) @from
      """;

  /** Both import forms contain the keyword; see {@link KeywordRegions}. */
  private static final KeywordRegions REGIONS = new KeywordRegions(List.of("import"));

  private final TreeSitterPython language = new TreeSitterPython();
  private TSParser parser;
  private TSQuery query;
  private TSQueryCursor cursor;
  private int importCapture;

  @Override
  public List<SourceImport> extract(String fileName, byte[] source) {
    open();
    List<SourceImport> imports = new ArrayList<>();
    int[] regions = REGIONS.find(source);
    if (regions.length == 0) {
      return imports;
    }
    Set<Integer> seen = new HashSet<>();
    try (TSTree tree = TreeSitterSources.parse(parser, source)) {
      TreeSitterSources.matchRegions(
          tree,
          regions,
          query,
          cursor,
          match -> {
            for (TSQueryCapture capture : match.getCaptures()) {
              TSNode stmt = capture.getNode();
              if (!seen.add(TreeSitterSources.startByte(stmt))) {
                continue;
              }
              ImportKind kind = contextKind(stmt, source);
              if (capture.getIndex() == importCapture) {
                plainImport(stmt, kind, source, imports);
              } else {
                fromImport(stmt, kind, source, imports);
              }
            }
          });
    }
    imports.sort(
        Comparator.comparingInt(SourceImport::line).thenComparingInt(SourceImport::column));
    return imports;
  }

  /** {@code import a.b.c, d as e}: one import per module. */
  private static void plainImport(
      TSNode stmt, ImportKind kind, byte[] source, List<SourceImport> out) {
    int count = stmt.getChildCount();
    for (int i = 0; i < count; i++) {
      if (!"name".equals(stmt.getFieldNameForChild(i))) {
        continue;
      }
      TSNode module = moduleName(stmt.getChild(i));
      out.add(
          SourceImport.of(
              TreeSitterSources.text(source, module),
              kind,
              TreeSitterSources.line(module),
              TreeSitterSources.column(source, module)));
    }
  }

  /** {@code from m import a, b as c} and {@code from m import *}: one import with the names. */
  private static void fromImport(
      TSNode stmt, ImportKind kind, byte[] source, List<SourceImport> out) {
    TSNode module = stmt.getChildByFieldName("module_name");
    if (module == null || module.isNull()) {
      return;
    }
    List<String> names = new ArrayList<>();
    int count = stmt.getChildCount();
    for (int i = 0; i < count; i++) {
      TSNode child = stmt.getChild(i);
      if ("wildcard_import".equals(child.getType())) {
        names.add("*");
      } else if ("name".equals(stmt.getFieldNameForChild(i))) {
        names.add(TreeSitterSources.text(source, moduleName(child)));
      }
    }
    // Relative module names may hold spaces between dots ("from . . import x" is legal).
    String specifier = TreeSitterSources.text(source, module).replaceAll("\\s+", "");
    out.add(
        new SourceImport(
            specifier,
            kind,
            TreeSitterSources.line(module),
            TreeSitterSources.column(source, module),
            names));
  }

  private static TSNode moduleName(TSNode nameOrAlias) {
    if ("aliased_import".equals(nameOrAlias.getType())) {
      return nameOrAlias.getChildByFieldName("name");
    }
    return nameOrAlias;
  }

  /** TYPE under {@code if TYPE_CHECKING:}, DYNAMIC inside a function, else STATIC. */
  private static ImportKind contextKind(TSNode stmt, byte[] source) {
    boolean inFunction = false;
    TSNode child = stmt;
    TSNode parent = stmt.getParent();
    while (parent != null && !parent.isNull()) {
      String type = parent.getType();
      if ("function_definition".equals(type) || "lambda".equals(type)) {
        inFunction = true;
      } else if ("if_statement".equals(type)) {
        TSNode consequence = parent.getChildByFieldName("consequence");
        TSNode condition = parent.getChildByFieldName("condition");
        if (consequence != null
            && condition != null
            && consequence.equals(child)
            && isTypeChecking(TreeSitterSources.text(source, condition))) {
          return ImportKind.TYPE;
        }
      }
      child = parent;
      parent = parent.getParent();
    }
    return inFunction ? ImportKind.DYNAMIC : ImportKind.STATIC;
  }

  private static boolean isTypeChecking(String condition) {
    String text = condition.strip();
    return text.equals("TYPE_CHECKING") || text.endsWith(".TYPE_CHECKING");
  }

  private void open() {
    if (parser == null) {
      parser = new TSParser();
      parser.setLanguage(language);
      query = new TSQuery(language, QUERY);
      // Looked up once: each name lookup is a JNI call that allocates a String.
      importCapture = -1;
      for (int i = 0; i < query.getCaptureCount(); i++) {
        if ("import".equals(query.getCaptureNameForId(i))) {
          importCapture = i;
        }
      }
      cursor = new TSQueryCursor();
    }
  }

  @Override
  public void close() {
    if (parser != null) {
      cursor.close();
      query.close();
      parser.close();
    }
  }
}
