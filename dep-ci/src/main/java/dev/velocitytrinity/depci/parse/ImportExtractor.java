package dev.velocitytrinity.depci.parse;

import java.util.List;

/**
 * Finds the imports of one source file. Implementations hold native parsers: an instance is used by
 * one thread at a time and must be closed.
 */
public interface ImportExtractor extends AutoCloseable {

  /**
   * @param fileName the file's name, which picks the grammar dialect ({@code .tsx}, {@code .js})
   * @param source the file's bytes, UTF-8
   * @return the imports in source order
   */
  List<SourceImport> extract(String fileName, byte[] source);

  @Override
  void close();
}
