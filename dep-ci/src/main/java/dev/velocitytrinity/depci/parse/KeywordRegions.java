package dev.velocitytrinity.depci.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where in a file an import can be: the byte ranges of the keywords every import form contains (for
 * TypeScript {@code import}, {@code from}, {@code require}, {@code ///}). Extractors run their
 * tree-sitter query only over these ranges (a cursor byte range still returns whole matches),
 * because walking every node of every tree cost as much as parsing. The ranges only narrow where
 * the query looks: a keyword inside a string or comment yields no match, so what is extracted still
 * comes from the syntax tree alone.
 */
public final class KeywordRegions {

  private final byte[][] keywords;

  public KeywordRegions(List<String> keywords) {
    this.keywords = new byte[keywords.size()][];
    for (int i = 0; i < keywords.size(); i++) {
      this.keywords[i] = keywords.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Sorted, merged {@code [start, end)} byte ranges, as pairs in one array. */
  public int[] find(byte[] source) {
    List<int[]> found = new ArrayList<>();
    for (int i = 0; i < source.length; i++) {
      for (byte[] keyword : keywords) {
        if (source[i] == keyword[0] && matchesAt(source, i, keyword)) {
          found.add(new int[] {i, i + keyword.length});
        }
      }
    }
    // Keywords are found in position order, so merging needs one pass.
    List<int[]> merged = new ArrayList<>();
    for (int[] range : found) {
      if (!merged.isEmpty() && range[0] <= merged.get(merged.size() - 1)[1]) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], range[1]);
      } else {
        merged.add(range);
      }
    }
    int[] out = new int[merged.size() * 2];
    for (int i = 0; i < merged.size(); i++) {
      out[2 * i] = merged.get(i)[0];
      out[2 * i + 1] = merged.get(i)[1];
    }
    return out;
  }

  private static boolean matchesAt(byte[] source, int at, byte[] keyword) {
    if (at + keyword.length > source.length) {
      return false;
    }
    for (int j = 1; j < keyword.length; j++) {
      if (source[at + j] != keyword[j]) {
        return false;
      }
    }
    return true;
  }
}
