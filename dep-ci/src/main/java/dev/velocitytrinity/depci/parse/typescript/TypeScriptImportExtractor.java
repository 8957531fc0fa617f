package dev.velocitytrinity.depci.parse.typescript;

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
import java.util.Locale;
import java.util.Set;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/**
 * Extracts TypeScript and JavaScript imports with tree-sitter queries: {@code import … from}, side
 * effect imports, {@code import type}, {@code export … from}, literal {@code import('x')}, {@code
 * require('x')}, {@code import x = require('x')} and {@code /// <reference path>}. Not thread-safe:
 * one instance per thread (tree-sitter parsers and cursors are not shareable).
 */
public final class TypeScriptImportExtractor implements ImportExtractor {

  static {
    NativeRuntime.active(); // before any binding class loads: see NativeRuntime
  }

  /** What a query pattern finds; the pattern's index in the query maps to one of these. */
  private enum Form {
    IMPORT,
    IMPORT_REQUIRE,
    EXPORT_FROM,
    DYNAMIC_IMPORT,
    CALL,
    COMMENT
  }

  private record Pattern(Form form, String source) {}

  private static final List<Pattern> PATTERNS =
      List.of(
          new Pattern(Form.IMPORT, "(import_statement source: (string) @spec) @stmt"),
          new Pattern(
              Form.IMPORT_REQUIRE,
              "(import_statement (import_require_clause source: (string) @spec))"),
          new Pattern(Form.EXPORT_FROM, "(export_statement source: (string) @spec) @stmt"),
          new Pattern(
              Form.DYNAMIC_IMPORT,
              "(call_expression function: (import) arguments: (arguments . (string) @spec))"),
          new Pattern(
              Form.CALL,
              "(call_expression function: (identifier) @fn arguments: (arguments . (string) @spec"
                  + " .))"),
          new Pattern(Form.COMMENT, "(comment) @comment"));

  /**
   * Where each form can be found: {@code export … from} by its {@code from} (a module's many other
   * {@code export}s, thousands in a large one, would each cost a query for nothing).
   */
  private static final KeywordRegions REGIONS =
      new KeywordRegions(List.of("import", "from", "require", "///"));

  private final Grammar typescript = new Grammar(new TreeSitterTypescript(), true);
  private final Grammar tsx = new Grammar(new TreeSitterTsx(), true);
  private final Grammar javascript = new Grammar(new TreeSitterJavascript(), false);

  @Override
  public List<SourceImport> extract(String fileName, byte[] source) {
    return grammarFor(fileName).extract(source);
  }

  private Grammar grammarFor(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".tsx")) {
      return tsx;
    }
    if (name.endsWith(".ts") || name.endsWith(".mts") || name.endsWith(".cts")) {
      return typescript;
    }
    return javascript;
  }

  @Override
  public void close() {
    typescript.close();
    tsx.close();
    javascript.close();
  }

  /** A parser, query and cursor for one grammar, created on first use. */
  private static final class Grammar {
    private final TSLanguage language;
    private final boolean typed;
    private TSParser parser;
    private TSQuery query;
    private TSQueryCursor cursor;
    private Form[] forms;
    private String[] captureNames;

    Grammar(TSLanguage language, boolean typed) {
      this.language = language;
      this.typed = typed;
    }

    List<SourceImport> extract(byte[] source) {
      open();
      List<SourceImport> imports = new ArrayList<>();
      int[] regions = REGIONS.find(source);
      if (regions.length == 0) {
        return imports; // no keyword, no import: skip the parse altogether
      }
      Set<Long> seen = new HashSet<>();
      try (TSTree tree = TreeSitterSources.parse(parser, source)) {
        TreeSitterSources.matchRegions(
            tree,
            regions,
            query,
            cursor,
            match -> {
              SourceImport found = toImport(forms[match.getPatternIndex()], match, source, seen);
              if (found != null) {
                imports.add(found);
              }
            });
      }
      imports.sort(
          Comparator.comparingInt(SourceImport::line).thenComparingInt(SourceImport::column));
      return imports;
    }

    private SourceImport toImport(Form form, TSQueryMatch match, byte[] source, Set<Long> seen) {
      TSNode spec = null;
      TSNode stmt = null;
      TSNode fn = null;
      TSNode comment = null;
      for (TSQueryCapture capture : match.getCaptures()) {
        switch (captureNames[capture.getIndex()]) {
          case "spec" -> spec = capture.getNode();
          case "stmt" -> stmt = capture.getNode();
          case "fn" -> fn = capture.getNode();
          case "comment" -> comment = capture.getNode();
          default -> {}
        }
      }
      TSNode anchor = spec != null ? spec : comment;
      // Regions can overlap one statement twice (`import x = require(...)`): report it once.
      if (anchor == null
          || !seen.add(((long) TreeSitterSources.startByte(anchor) << 3) | form.ordinal())) {
        return null;
      }
      return switch (form) {
        case IMPORT ->
            literal(
                spec,
                hasTypeKeyword(stmt, spec, source) ? ImportKind.TYPE : ImportKind.STATIC,
                source);
        case IMPORT_REQUIRE -> literal(spec, ImportKind.REQUIRE, source);
        case EXPORT_FROM ->
            literal(
                spec,
                hasTypeKeyword(stmt, spec, source) ? ImportKind.TYPE : ImportKind.RE_EXPORT,
                source);
        case DYNAMIC_IMPORT -> literal(spec, ImportKind.DYNAMIC, source);
        case CALL ->
            "require".equals(TreeSitterSources.text(source, fn))
                ? literal(spec, ImportKind.REQUIRE, source)
                : null;
        case COMMENT -> reference(comment, source);
      };
    }

    /**
     * {@code import type …} and {@code export type … from}: a bare {@code type} token child. Such a
     * token lies before the specifier, so a statement whose bytes up to the specifier hold no
     * {@code type} at all cannot have one; only the others are asked of the tree, child by child
     * (each child is a JNI round trip, which made this a tenth of the extraction time).
     */
    private static boolean hasTypeKeyword(TSNode stmt, TSNode spec, byte[] source) {
      if (!containsType(
          source, TreeSitterSources.startByte(stmt), TreeSitterSources.startByte(spec))) {
        return false;
      }
      int count = stmt.getChildCount();
      for (int i = 0; i < count; i++) {
        TSNode child = stmt.getChild(i);
        if (!child.isNamed() && "type".equals(child.getType())) {
          return true;
        }
      }
      return false;
    }

    private static boolean containsType(byte[] source, int from, int to) {
      for (int i = Math.max(0, from); i + 4 <= to && i + 4 <= source.length; i++) {
        if (source[i] == 't'
            && source[i + 1] == 'y'
            && source[i + 2] == 'p'
            && source[i + 3] == 'e') {
          return true;
        }
      }
      return false;
    }

    private static SourceImport literal(TSNode string, ImportKind kind, byte[] source) {
      String quoted = TreeSitterSources.text(source, string);
      if (quoted.length() < 2) {
        return null;
      }
      String specifier = unescape(quoted.substring(1, quoted.length() - 1));
      if (specifier.isEmpty()) {
        return null;
      }
      return SourceImport.of(
          specifier,
          kind,
          TreeSitterSources.line(string),
          TreeSitterSources.column(source, string));
    }

    /**
     * Module specifiers rarely hold escapes; the common ones are undone, others kept as written.
     */
    private static String unescape(String text) {
      if (text.indexOf('\\') < 0) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          out.append(text.charAt(++i));
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    /**
     * {@code /// <reference path="x" />}: the directive lives in a comment, so read its attribute.
     */
    private static SourceImport reference(TSNode comment, byte[] source) {
      String text = TreeSitterSources.text(source, comment);
      if (!text.startsWith("///")) {
        return null;
      }
      String body = text.substring(3).strip();
      if (!body.startsWith("<reference")) {
        return null;
      }
      int attr = body.indexOf("path=");
      if (attr < 0) {
        return null;
      }
      int open = attr + "path=".length();
      if (open >= body.length()) {
        return null;
      }
      char quote = body.charAt(open);
      if (quote != '"' && quote != '\'') {
        return null;
      }
      int close = body.indexOf(quote, open + 1);
      if (close < 0 || close == open + 1) {
        return null;
      }
      return SourceImport.of(
          body.substring(open + 1, close),
          ImportKind.REFERENCE,
          TreeSitterSources.line(comment),
          TreeSitterSources.column(source, comment));
    }

    private void open() {
      if (parser != null) {
        return;
      }
      StringBuilder text = new StringBuilder();
      List<Form> used = new ArrayList<>();
      for (Pattern pattern : PATTERNS) {
        if (pattern.form() == Form.IMPORT_REQUIRE && !typed) {
          continue; // `import x = require()` exists only in the TypeScript grammars
        }
        text.append(pattern.source()).append('\n');
        used.add(pattern.form());
      }
      forms = used.toArray(Form[]::new);
      parser = new TSParser();
      parser.setLanguage(language);
      query = new TSQuery(language, text.toString());
      // Names looked up once: each lookup is a JNI call that allocates a new String.
      captureNames = new String[query.getCaptureCount()];
      for (int i = 0; i < captureNames.length; i++) {
        captureNames[i] = query.getCaptureNameForId(i);
      }
      cursor = new TSQueryCursor();
    }

    void close() {
      if (cursor != null) {
        cursor.close();
        query.close();
        parser.close();
      }
    }
  }
}
