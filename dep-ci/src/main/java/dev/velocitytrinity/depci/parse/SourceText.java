package dev.velocitytrinity.depci.parse;

import java.nio.charset.StandardCharsets;

/**
 * Helpers over a file's UTF-8 bytes. tree-sitter reports byte offsets and byte columns, so text and
 * columns are cut from the bytes, never from a decoded String, or non-ASCII text before an import
 * would shift it.
 */
public final class SourceText {

  private SourceText() {}

  public static String slice(byte[] source, int startByte, int endByte) {
    return new String(source, startByte, endByte - startByte, StandardCharsets.UTF_8);
  }

  /** The 1-based character column of {@code startByte}, whose 0-based byte column is given. */
  public static int characterColumn(byte[] source, int startByte, int byteColumn) {
    int lineStart = startByte - byteColumn;
    int chars = 0;
    for (int i = lineStart; i < startByte; i++) {
      // Count every byte that starts a code point (not a 10xxxxxx continuation byte).
      if ((source[i] & 0xC0) != 0x80) {
        chars++;
      }
    }
    return chars + 1;
  }
}
