package dev.velocitytrinity.depci.parse;

import java.util.function.Consumer;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/** Shared tree-sitter plumbing of the parse packages. */
public final class TreeSitterSources {

  private static final int CHUNK = 64 * 1024;

  private TreeSitterSources() {}

  /**
   * Parses UTF-8 bytes as they are. {@code parseString} would hand the JNI layer a Java String,
   * which it encodes as modified UTF-8 (surrogate pairs take six bytes), so offsets after an emoji
   * would no longer match the file's bytes.
   */
  public static TSTree parse(TSParser parser, byte[] source) {
    byte[] buffer = new byte[Math.max(1, Math.min(CHUNK, source.length))];
    TSTree tree =
        parser.parse(
            buffer,
            null,
            (buf, offset, point) -> {
              int n = Math.min(buf.length, source.length - offset);
              if (n <= 0) {
                return 0;
              }
              System.arraycopy(source, offset, buf, 0, n);
              return n;
            },
            TSInputEncoding.TSInputEncodingUTF8);
    if (tree == null) {
      throw new IllegalStateException("tree-sitter returned no tree");
    }
    return tree;
  }

  /**
   * Runs {@code query} over each {@code [start, end)} range of {@code regions} (pairs, sorted),
   * reporting every match. Each range is searched from the top-level node that contains it: a query
   * cursor started at the root steps through every earlier top-level sibling, which made a file
   * with a thousand {@code export} statements quadratic.
   */
  public static void matchRegions(
      TSTree tree,
      int[] regions,
      TSQuery query,
      TSQueryCursor cursor,
      Consumer<TSQueryMatch> onMatch) {
    TSNode root = tree.getRootNode();
    TSQueryMatch match = new TSQueryMatch();
    try (TSTreeCursor walker = new TSTreeCursor(root)) {
      for (int r = 0; r < regions.length; r += 2) {
        int start = regions[r];
        int end = regions[r + 1];
        TSNode scope = root;
        walker.reset(root);
        if (walker.gotoFirstChildForByte(start) >= 0) {
          TSNode child = walker.currentNode();
          if (child.getStartByte() <= start && child.getEndByte() >= end) {
            scope = child;
          }
        }
        cursor.setByteRange(start, end);
        cursor.exec(query, scope);
        while (cursor.nextMatch(match)) {
          onMatch.accept(match);
        }
      }
    }
  }

  public static String text(byte[] source, TSNode node) {
    return SourceText.slice(source, node.getStartByte(), node.getEndByte());
  }

  /** 1-based line of the node. */
  public static int line(TSNode node) {
    return node.getStartPoint().getRow() + 1;
  }

  /** 1-based character column of the node. */
  public static int column(byte[] source, TSNode node) {
    return SourceText.characterColumn(
        source, node.getStartByte(), node.getStartPoint().getColumn());
  }
}
