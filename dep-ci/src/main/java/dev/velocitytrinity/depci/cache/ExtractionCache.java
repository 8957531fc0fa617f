package dev.velocitytrinity.depci.cache;

import dev.velocitytrinity.depci.parse.ImportKind;
import dev.velocitytrinity.depci.parse.SourceImport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Extraction results keyed by content hash, kept in one file under {@code .dep-ci/cache/}. A file
 * whose size and modification time match its last entry is trusted without being read, unless it
 * was modified within {@link #RACY_WINDOW_MILLIS} of the cache being written (the same "racy" rule
 * git uses: a later edit in the same clock tick would keep the time). Anything else is read and
 * hashed, and a known hash is reused even when the file moved. Safe for concurrent use by the parse
 * workers; {@link #save} renames a complete file into place, and a torn or corrupt file (its
 * checksum fails) loads as empty.
 */
public final class ExtractionCache {

  private static final int MAGIC = 0x44435043; // "DCPC"
  private static final int FORMAT = 2;
  static final long RACY_WINDOW_MILLIS = 2_000;

  /** One file's last known state. */
  public record Entry(long size, long modifiedMillis, String hash, List<SourceImport> imports) {
    public Entry {
      imports = List.copyOf(imports);
    }
  }

  private final Path file;
  private final String fingerprint;
  private final long writtenMillis;
  private final Map<String, Entry> previous;
  private final Map<String, List<SourceImport>> byHash;
  private final Map<String, Entry> current = new ConcurrentHashMap<>();
  private volatile boolean dirty;

  private ExtractionCache(
      Path file,
      String fingerprint,
      long writtenMillis,
      Map<String, Entry> previous,
      Map<String, List<SourceImport>> byHash) {
    this.file = file;
    this.fingerprint = fingerprint;
    this.writtenMillis = writtenMillis;
    this.previous = previous;
    this.byHash = byHash;
  }

  /**
   * Loads the cache in {@code file}; a missing, unreadable or outdated one (another {@code
   * fingerprint}: extractor or grammar versions) starts empty, since it can always be rebuilt.
   */
  public static ExtractionCache load(Path file, String fingerprint) {
    Optional<byte[]> body = CacheFiles.read(file);
    if (body.isEmpty()) {
      return empty(file, fingerprint);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body.get()))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(fingerprint)) {
        return empty(file, fingerprint);
      }
      long written = in.readLong();
      int count = in.readInt();
      Map<String, Entry> entries = new java.util.HashMap<>(count * 2);
      Map<String, List<SourceImport>> hashes = new java.util.HashMap<>(count * 2);
      for (int i = 0; i < count; i++) {
        String path = in.readUTF();
        long size = in.readLong();
        long modified = in.readLong();
        String hash = in.readUTF();
        int n = in.readInt();
        List<SourceImport> imports = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          String specifier = in.readUTF();
          ImportKind kind = ImportKind.values()[in.readByte()];
          int line = in.readInt();
          int column = in.readInt();
          int names = in.readInt();
          List<String> nameList = new ArrayList<>(names);
          for (int k = 0; k < names; k++) {
            nameList.add(in.readUTF());
          }
          imports.add(new SourceImport(specifier, kind, line, column, nameList));
        }
        Entry entry = new Entry(size, modified, hash, imports);
        entries.put(path, entry);
        hashes.put(hash, entry.imports());
      }
      return new ExtractionCache(file, fingerprint, written, entries, hashes);
    } catch (IOException | RuntimeException e) {
      // A truncated or foreign file: start over rather than fail the analysis.
      return empty(file, fingerprint);
    }
  }

  public static ExtractionCache empty(Path file, String fingerprint) {
    return new ExtractionCache(file, fingerprint, 0, Map.of(), Map.of());
  }

  /** The imports of {@code path} if its size and time match the cached entry and are not racy. */
  public Optional<List<SourceImport>> byStat(String path, long size, long modifiedMillis) {
    Entry entry = previous.get(path);
    if (entry == null
        || entry.size() != size
        || entry.modifiedMillis() != modifiedMillis
        || modifiedMillis >= writtenMillis - RACY_WINDOW_MILLIS) {
      return Optional.empty();
    }
    current.put(path, entry);
    return Optional.of(entry.imports());
  }

  /** The content hash of a file seen in this run. */
  public Optional<String> hashOf(String path) {
    Entry entry = current.get(path);
    return entry == null ? Optional.empty() : Optional.of(entry.hash());
  }

  public Optional<List<SourceImport>> byHash(String hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  public void put(String path, Entry entry) {
    current.put(path, entry);
    dirty = true;
  }

  /** Writes the entries of this run's files (so deleted files drop out) atomically. */
  public void save(long nowMillis) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(fingerprint);
      out.writeLong(nowMillis);
      Map<String, Entry> sorted = new TreeMap<>(current);
      out.writeInt(sorted.size());
      for (Map.Entry<String, Entry> e : sorted.entrySet()) {
        Entry entry = e.getValue();
        out.writeUTF(e.getKey());
        out.writeLong(entry.size());
        out.writeLong(entry.modifiedMillis());
        out.writeUTF(entry.hash());
        out.writeInt(entry.imports().size());
        for (SourceImport imp : entry.imports()) {
          out.writeUTF(imp.specifier());
          out.writeByte(imp.kind().ordinal());
          out.writeInt(imp.line());
          out.writeInt(imp.column());
          out.writeInt(imp.names().size());
          for (String name : imp.names()) {
            out.writeUTF(name);
          }
        }
      }
    }
    CacheFiles.write(file, bytes.toByteArray());
  }

  /**
   * True when every file was trusted by its stat and no file dropped out, so saving can be skipped.
   */
  public boolean unchanged() {
    return !dirty && writtenMillis > 0 && current.keySet().equals(previous.keySet());
  }
}
