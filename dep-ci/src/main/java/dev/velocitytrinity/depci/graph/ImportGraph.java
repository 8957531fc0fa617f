package dev.velocitytrinity.depci.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The import graph of a repository: an immutable value with files, kinded edges, externals and
 * unresolved imports, in a deterministic order (files by path; edges by from, to, kind, line), and
 * forward and reverse adjacency for closure queries. One edge is kept per {@code (from, to, kind)},
 * at its first occurrence.
 */
public final class ImportGraph {

  private static final Comparator<Edge> EDGE_ORDER = ImportGraph::compareEdges;

  private static final Comparator<ExternalImport> EXTERNAL_ORDER =
      Comparator.comparing(ExternalImport::from)
          .thenComparingInt(ExternalImport::line)
          .thenComparingInt(ExternalImport::column)
          .thenComparing(ExternalImport::specifier);

  private static final Comparator<UnresolvedImport> UNRESOLVED_ORDER =
      Comparator.comparing(UnresolvedImport::from)
          .thenComparingInt(UnresolvedImport::line)
          .thenComparingInt(UnresolvedImport::column)
          .thenComparing(UnresolvedImport::specifier);

  private final List<FileNode> files;
  private final List<Edge> edges;
  private final List<ExternalImport> externals;
  private final List<UnresolvedImport> unresolved;
  private final Map<String, Integer> index;

  /** Per file index, the indices into {@link #edges} of its outgoing / incoming edges. */
  private final int[][] outgoing;

  private final int[][] incoming;

  private ImportGraph(
      List<FileNode> files,
      List<Edge> edges,
      List<ExternalImport> externals,
      List<UnresolvedImport> unresolved) {
    this.files = files;
    this.edges = edges;
    this.externals = externals;
    this.unresolved = unresolved;
    this.index = new HashMap<>(files.size() * 2);
    for (int i = 0; i < files.size(); i++) {
      index.put(files.get(i).path(), i);
    }
    int[] outCount = new int[files.size()];
    int[] inCount = new int[files.size()];
    for (Edge edge : edges) {
      outCount[index.get(edge.from())]++;
      inCount[index.get(edge.to())]++;
    }
    outgoing = new int[files.size()][];
    incoming = new int[files.size()][];
    for (int i = 0; i < files.size(); i++) {
      outgoing[i] = new int[outCount[i]];
      incoming[i] = new int[inCount[i]];
    }
    Arrays.fill(outCount, 0);
    Arrays.fill(inCount, 0);
    for (int e = 0; e < edges.size(); e++) {
      int from = index.get(edges.get(e).from());
      int to = index.get(edges.get(e).to());
      outgoing[from][outCount[from]++] = e;
      incoming[to][inCount[to]++] = e;
    }
  }

  /**
   * Builds a graph; files named only by edges are added as {@code other}, duplicate edges of the
   * same kind collapse to the first occurrence.
   */
  public static ImportGraph of(
      Collection<FileNode> files,
      Collection<Edge> edges,
      Collection<ExternalImport> externals,
      Collection<UnresolvedImport> unresolved) {
    Map<String, FileNode> nodes = new HashMap<>();
    for (FileNode file : files) {
      nodes.putIfAbsent(file.path(), file);
    }
    List<Edge> sortedEdges = new ArrayList<>(edges);
    sortedEdges.sort(EDGE_ORDER);
    Map<List<Object>, Edge> unique = new LinkedHashMap<>();
    for (Edge edge : sortedEdges) {
      unique.putIfAbsent(List.of(edge.from(), edge.to(), edge.kind()), edge);
      nodes.putIfAbsent(edge.from(), new FileNode(edge.from(), "other"));
      nodes.putIfAbsent(edge.to(), new FileNode(edge.to(), "other"));
    }
    List<FileNode> sortedFiles = new ArrayList<>(nodes.values());
    sortedFiles.sort(Comparator.comparing(FileNode::path));
    List<ExternalImport> sortedExternals = new ArrayList<>(externals);
    sortedExternals.sort(EXTERNAL_ORDER);
    List<UnresolvedImport> sortedUnresolved = new ArrayList<>(unresolved);
    sortedUnresolved.sort(UNRESOLVED_ORDER);
    return new ImportGraph(
        List.copyOf(sortedFiles),
        List.copyOf(unique.values()),
        List.copyOf(sortedExternals),
        List.copyOf(sortedUnresolved));
  }

  /**
   * A graph from parts that are already in this class's order and free of duplicates, as {@link
   * #files()}, {@link #edges()}, {@link #externals()} and {@link #unresolved()} return them (a
   * cached graph read back). One linear pass checks that; parts that fail it go through {@link
   * #of}, so the result is the same either way, only faster for canonical input.
   */
  public static ImportGraph ofCanonical(
      List<FileNode> files,
      List<Edge> edges,
      List<ExternalImport> externals,
      List<UnresolvedImport> unresolved) {
    if (!isCanonical(files, edges, externals, unresolved)) {
      return of(files, edges, externals, unresolved);
    }
    return new ImportGraph(
        List.copyOf(files), List.copyOf(edges), List.copyOf(externals), List.copyOf(unresolved));
  }

  private static boolean isCanonical(
      List<FileNode> files,
      List<Edge> edges,
      List<ExternalImport> externals,
      List<UnresolvedImport> unresolved) {
    Set<String> paths = new HashSet<>(files.size() * 2);
    for (int i = 0; i < files.size(); i++) {
      if (i > 0 && files.get(i - 1).path().compareTo(files.get(i).path()) >= 0) {
        return false;
      }
      paths.add(files.get(i).path());
    }
    for (int i = 0; i < edges.size(); i++) {
      Edge edge = edges.get(i);
      if (!paths.contains(edge.from()) || !paths.contains(edge.to())) {
        return false;
      }
      if (i > 0) {
        Edge before = edges.get(i - 1);
        if (compareEdges(before, edge) > 0
            || (before.from().equals(edge.from())
                && before.to().equals(edge.to())
                && before.kind() == edge.kind())) {
          return false;
        }
      }
    }
    return isSorted(externals, EXTERNAL_ORDER) && isSorted(unresolved, UNRESOLVED_ORDER);
  }

  /** By from, to, kind, line, column; written out because it runs for every edge of every load. */
  private static int compareEdges(Edge a, Edge b) {
    int c = a.from().compareTo(b.from());
    if (c == 0) {
      c = a.to().compareTo(b.to());
    }
    if (c == 0) {
      c = a.kind().compareTo(b.kind());
    }
    if (c == 0) {
      c = Integer.compare(a.line(), b.line());
    }
    return c != 0 ? c : Integer.compare(a.column(), b.column());
  }

  private static <T> boolean isSorted(List<T> items, Comparator<T> order) {
    for (int i = 1; i < items.size(); i++) {
      if (order.compare(items.get(i - 1), items.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  public List<FileNode> files() {
    return files;
  }

  public List<Edge> edges() {
    return edges;
  }

  public List<ExternalImport> externals() {
    return externals;
  }

  public List<UnresolvedImport> unresolved() {
    return unresolved;
  }

  public boolean contains(String path) {
    return index.containsKey(path);
  }

  /** The files {@code path} imports directly, sorted. */
  public Set<String> dependencies(String path) {
    return neighbours(path, outgoing, true);
  }

  /** The files that import {@code path} directly, sorted. */
  public Set<String> dependents(String path) {
    return neighbours(path, incoming, false);
  }

  private Set<String> neighbours(String path, int[][] adjacency, boolean forward) {
    Integer i = index.get(path);
    Set<String> result = new TreeSet<>();
    if (i != null) {
      for (int e : adjacency[i]) {
        result.add(forward ? edges.get(e).to() : edges.get(e).from());
      }
    }
    return result;
  }

  /**
   * The files that import any of {@code changed}, directly or transitively (the reverse transitive
   * closure), sorted by path, each with one shortest chain to a changed file. Changed files are not
   * listed themselves; cycles are walked once. Paths not in the graph contribute nothing.
   */
  public List<AffectedFile> affected(Collection<String> changed) {
    Objects.requireNonNull(changed, "changed");
    int[] via = new int[files.size()];
    Arrays.fill(via, -2); // -2 unvisited, -1 a changed file, else the edge leading towards it
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (String path : new TreeSet<>(changed)) {
      Integer i = index.get(path);
      if (i != null && via[i] == -2) {
        via[i] = -1;
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      int current = queue.poll();
      // incoming[] is in edge order (from, to, kind), so the first chain found is stable.
      for (int e : incoming[current]) {
        int from = index.get(edges.get(e).from());
        if (via[from] == -2) {
          via[from] = e;
          queue.add(from);
        }
      }
    }
    List<AffectedFile> result = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (via[i] < 0) {
        continue;
      }
      List<Edge> chain = new ArrayList<>();
      int at = i;
      while (via[at] >= 0) {
        Edge edge = edges.get(via[at]);
        chain.add(edge);
        at = index.get(edge.to());
      }
      result.add(new AffectedFile(files.get(i).path(), chain));
    }
    return result;
  }

  /**
   * The subgraph of files within {@code depth} import hops of {@code focus} in either direction,
   * with the edges among them. Externals and unresolved imports are kept for the kept files.
   */
  public ImportGraph focus(String focus, int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("depth must be >= 0: " + depth);
    }
    Integer start = index.get(focus);
    if (start == null) {
      throw new IllegalArgumentException("not in the graph: " + focus);
    }
    int[] distance = new int[files.size()];
    Arrays.fill(distance, -1);
    distance[start] = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      int current = queue.poll();
      if (distance[current] == depth) {
        continue;
      }
      for (int e : outgoing[current]) {
        visit(index.get(edges.get(e).to()), current, distance, queue);
      }
      for (int e : incoming[current]) {
        visit(index.get(edges.get(e).from()), current, distance, queue);
      }
    }
    List<FileNode> keptFiles = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (distance[i] >= 0) {
        keptFiles.add(files.get(i));
      }
    }
    Set<String> kept = new TreeSet<>();
    keptFiles.forEach(f -> kept.add(f.path()));
    return ImportGraph.of(
        keptFiles,
        edges.stream().filter(e -> kept.contains(e.from()) && kept.contains(e.to())).toList(),
        externals.stream().filter(e -> kept.contains(e.from())).toList(),
        unresolved.stream().filter(u -> kept.contains(u.from())).toList());
  }

  private static void visit(int next, int current, int[] distance, ArrayDeque<Integer> queue) {
    if (distance[next] < 0) {
      distance[next] = distance[current] + 1;
      queue.add(next);
    }
  }
}
