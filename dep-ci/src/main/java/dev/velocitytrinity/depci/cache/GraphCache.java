package dev.velocitytrinity.depci.cache;

import dev.velocitytrinity.depci.graph.Edge;
import dev.velocitytrinity.depci.graph.ExternalImport;
import dev.velocitytrinity.depci.graph.FileNode;
import dev.velocitytrinity.depci.graph.ImportGraph;
import dev.velocitytrinity.depci.graph.UnresolvedImport;
import dev.velocitytrinity.depci.parse.ImportKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The last resolved graph, stored with the key of everything resolution read (the file list, every
 * source's content hash, the manifests and tsconfigs, the settings). An unchanged repository then
 * skips resolution entirely, which is most of a warm run; any change to an input gives another key
 * and a fresh resolution. Renamed into place whole; an unreadable or corrupt file is a miss.
 *
 * <p>It is also stored with a second key built from what a directory walk sees for free (the file
 * list, sizes and modification times). When that key matches and no input changed within {@link
 * ExtractionCache#RACY_WINDOW_MILLIS} of the graph being written, the graph is used without reading
 * the extraction cache or hashing anything: the same trust the extraction cache gives each file.
 */
public final class GraphCache {

  private static final int MAGIC = 0x44434743; // "DCGC"
  private static final int FORMAT = 3;

  /** The keys a graph is stored under and when it was written. */
  public record Keys(String content, String stat, long writtenMillis) {}

  private GraphCache() {}

  /**
   * The graph stored under content key {@code key}, its disk probes checked against {@code root}.
   */
  public static Optional<ImportGraph> load(Path file, String key, Path root) {
    return load(file, root, stored -> stored.content().equals(key));
  }

  /**
   * The graph stored under stat key {@code statKey}, provided the newest input is older than the
   * graph by more than the racy window (an edit in the same clock tick could keep size and time).
   */
  public static Optional<ImportGraph> loadByStat(
      Path file, String statKey, long newestModifiedMillis, Path root) {
    return load(
        file,
        root,
        stored ->
            stored.stat().equals(statKey)
                && newestModifiedMillis
                    < stored.writtenMillis() - ExtractionCache.RACY_WINDOW_MILLIS);
  }

  private static Optional<ImportGraph> load(Path file, Path root, Predicate<Keys> matches) {
    Optional<byte[]> body = CacheFiles.read(file);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body.get()))) {
      if (in.readInt() != MAGIC
          || in.readInt() != FORMAT
          || !matches.test(new Keys(in.readUTF(), in.readUTF(), in.readLong()))) {
        return Optional.empty();
      }
      int probeCount = in.readInt();
      for (int i = 0; i < probeCount; i++) {
        String path = in.readUTF();
        if (Files.isRegularFile(root.resolve(path)) != in.readBoolean()) {
          return Optional.empty();
        }
      }
      int fileCount = in.readInt();
      List<String> paths = new ArrayList<>(fileCount);
      List<FileNode> files = new ArrayList<>(fileCount);
      for (int i = 0; i < fileCount; i++) {
        String path = in.readUTF();
        paths.add(path);
        files.add(new FileNode(path, in.readUTF()));
      }
      int edgeCount = in.readInt();
      List<Edge> edges = new ArrayList<>(edgeCount);
      for (int i = 0; i < edgeCount; i++) {
        edges.add(
            new Edge(
                paths.get(in.readInt()),
                paths.get(in.readInt()),
                ImportKind.values()[in.readByte()],
                in.readUTF(),
                in.readInt(),
                in.readInt()));
      }
      int externalCount = in.readInt();
      List<ExternalImport> externals = new ArrayList<>(externalCount);
      for (int i = 0; i < externalCount; i++) {
        externals.add(
            new ExternalImport(
                paths.get(in.readInt()), in.readUTF(), in.readUTF(), in.readInt(), in.readInt()));
      }
      int unresolvedCount = in.readInt();
      List<UnresolvedImport> unresolved = new ArrayList<>(unresolvedCount);
      for (int i = 0; i < unresolvedCount; i++) {
        unresolved.add(
            new UnresolvedImport(
                paths.get(in.readInt()),
                in.readUTF(),
                in.readBoolean(),
                in.readUTF(),
                in.readInt(),
                in.readInt()));
      }
      return Optional.of(ImportGraph.ofCanonical(files, edges, externals, unresolved));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Stores the graph in {@code file} under new keys, e.g. when its content key still matched but
   * sizes or times changed (a checkout that rewrote files with equal content), so that the next
   * unchanged run is again answered by its stat key. A missing or unreadable file is left alone.
   */
  public static void rekey(Path file, Keys keys) throws IOException {
    Optional<byte[]> body = CacheFiles.read(file);
    if (body.isEmpty()) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.get().length + 256);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body.get()));
        DataOutputStream out = new DataOutputStream(bytes)) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
        return;
      }
      in.readUTF();
      in.readUTF();
      in.readLong();
      writeHeader(out, keys);
      in.transferTo(out);
    }
    CacheFiles.write(file, bytes.toByteArray());
  }

  private static void writeHeader(DataOutputStream out, Keys keys) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(keys.content());
    out.writeUTF(keys.stat());
    out.writeLong(keys.writtenMillis());
  }

  public static void save(Path file, Keys keys, Map<String, Boolean> diskProbes, ImportGraph graph)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeHeader(out, keys);
      Map<String, Boolean> probes = new TreeMap<>(diskProbes);
      out.writeInt(probes.size());
      for (Map.Entry<String, Boolean> probe : probes.entrySet()) {
        out.writeUTF(probe.getKey());
        out.writeBoolean(probe.getValue());
      }
      java.util.Map<String, Integer> index = new java.util.HashMap<>();
      out.writeInt(graph.files().size());
      for (FileNode node : graph.files()) {
        index.put(node.path(), index.size());
        out.writeUTF(node.path());
        out.writeUTF(node.language());
      }
      out.writeInt(graph.edges().size());
      for (Edge edge : graph.edges()) {
        out.writeInt(index.get(edge.from()));
        out.writeInt(index.get(edge.to()));
        out.writeByte(edge.kind().ordinal());
        out.writeUTF(edge.specifier());
        out.writeInt(edge.line());
        out.writeInt(edge.column());
      }
      // Externals and unresolved imports come from parsed files, which are all graph files.
      out.writeInt(graph.externals().size());
      for (ExternalImport external : graph.externals()) {
        out.writeInt(index.get(external.from()));
        out.writeUTF(external.specifier());
        out.writeUTF(external.packageName());
        out.writeInt(external.line());
        out.writeInt(external.column());
      }
      out.writeInt(graph.unresolved().size());
      for (UnresolvedImport miss : graph.unresolved()) {
        out.writeInt(index.get(miss.from()));
        out.writeUTF(miss.specifier());
        out.writeBoolean(miss.relative());
        out.writeUTF(miss.reason());
        out.writeInt(miss.line());
        out.writeInt(miss.column());
      }
    }
    CacheFiles.write(file, bytes.toByteArray());
  }
}
