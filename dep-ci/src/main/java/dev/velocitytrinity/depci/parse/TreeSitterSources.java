package dev.velocitytrinity.depci.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
          if (startByte(child) <= start && child.getEndByte() >= end) {
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
    return SourceText.slice(source, startByte(node), node.getEndByte());
  }

  /** 1-based line of the node. */
  public static int line(TSNode node) {
    return START_ROW == null ? node.getStartPoint().getRow() + 1 : (int) START_ROW.get(node) + 1;
  }

  /** 1-based character column of the node. */
  public static int column(byte[] source, TSNode node) {
    int byteColumn =
        START_COLUMN == null ? node.getStartPoint().getColumn() : (int) START_COLUMN.get(node);
    return SourceText.characterColumn(source, startByte(node), byteColumn);
  }

  /** The node's start byte, as {@link TSNode#getStartByte()} gives it. */
  public static int startByte(TSNode node) {
    return START_BYTE == null ? node.getStartByte() : (int) START_BYTE.get(node);
  }

  /*
   * A tree-sitter TSNode value carries its start in its context words: context[0] is the start
   * byte, context[1] and context[2] the start row and byte column (ts_node_start_byte and
   * ts_node_start_point return exactly these). The binding copies them into the Java object but
   * answers getStartByte()/getStartPoint() through two JNI calls each (a null check, then the
   * accessor, each looking up classes and fields by name), which with about ten such calls per
   * import was a third of the extraction time on small files. The fields are read directly when
   * the binding has them, through the JNI accessors otherwise.
   */
  private static final VarHandle START_BYTE = contextField("context0");
  private static final VarHandle START_ROW = contextField("context1");
  private static final VarHandle START_COLUMN = contextField("context2");

  private static VarHandle contextField(String name) {
    try {
      return MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup())
          .findVarHandle(TSNode.class, name, int.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
