package dev.velocitytrinity.depci.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.depci.scan.RepoScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm runs: an unchanged repository is answered from the graph cache by its files' sizes and times
 * alone, and any change to a source, a manifest or the file list is seen.
 */
class RepoAnalyzerCacheTest {

  @TempDir Path root;

  private final RepoAnalyzer analyzer = new RepoAnalyzer(new RepoScanner(2), Clock.systemUTC());
  private final AnalysisSettings settings = AnalysisSettings.defaults();
  private final Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

  @BeforeEach
  void repo() throws Exception {
    write("a.ts", "import { b } from './b';\n");
    write("b.ts", "export const b = 1;\n");
    write("c.ts", "export const c = 1;\n");
  }

  @Test
  void unchangedRepo_isAnsweredWithoutTheExtractionCache() throws Exception {
    Analysis cold = analyze();
    // Were the extraction cache consulted, this would make every file parse again.
    Files.write(root.resolve(RepoAnalyzer.CACHE_FILE), new byte[] {1, 2, 3});

    Analysis warm = analyze();

    assertThat(cold.parsedFiles()).isEqualTo(3);
    assertThat(warm.parsedFiles()).isZero();
    assertThat(warm.graph().edges()).isEqualTo(cold.graph().edges());
  }

  @Test
  void filesTouchedWithoutChange_areAnsweredByTheirNewTimesFromTheNextRunOn() throws Exception {
    analyze();
    // A checkout that rewrites files with equal content: new times, same hashes.
    for (String name : List.of("a.ts", "b.ts", "c.ts")) {
      Files.setLastModifiedTime(root.resolve(name), FileTime.from(anHourAgo.minusSeconds(60)));
    }
    Analysis touched = analyze();
    Files.write(root.resolve(RepoAnalyzer.CACHE_FILE), new byte[] {1, 2, 3});

    Analysis next = analyze();

    assertThat(touched.parsedFiles()).isZero();
    assertThat(next.parsedFiles()).isZero();
    assertThat(edges(next)).containsExactly("a.ts -> b.ts");
  }

  @Test
  void sourceEditedWithAnotherTime_isParsedAndResolvedAgain() throws Exception {
    analyze();
    write("c.ts", "import { a } from './a';\n");

    Analysis warm = analyze();

    assertThat(warm.parsedFiles()).isEqualTo(1);
    assertThat(edges(warm)).containsExactly("a.ts -> b.ts", "c.ts -> a.ts");
  }

  @Test
  void fileAdded_isSeen() throws Exception {
    analyze();
    write("d.ts", "import './c';\n");

    assertThat(edges(analyze())).containsExactly("a.ts -> b.ts", "d.ts -> c.ts");
  }

  @Test
  void manifestChanged_resolvesAgain() throws Exception {
    analyze();
    write("tsconfig.json", "{\"compilerOptions\":{\"baseUrl\":\".\",\"paths\":{\"@/*\":[\"*\"]}}}");
    write("d.ts", "import '@/c';\n");

    assertThat(edges(analyze())).containsExactly("a.ts -> b.ts", "d.ts -> c.ts");
  }

  @Test
  void sameSizeEditInTheClockTickOfTheScan_isStillSeen() throws Exception {
    Path b = root.resolve("b.ts");
    FileTime justNow = FileTime.from(Instant.now());
    Files.setLastModifiedTime(b, justNow);
    analyze();
    // An edit that keeps size and time, as one in the same clock tick as the scan can: the stat
    // key matches, but the file is too recent for its time to be trusted.
    Files.writeString(b, "import './c';\nb=12;\n");
    Files.setLastModifiedTime(b, justNow);

    Analysis warm = analyze();

    assertThat(warm.parsedFiles()).isEqualTo(1);
    assertThat(edges(warm)).containsExactly("a.ts -> b.ts", "b.ts -> c.ts");
  }

  private Analysis analyze() throws Exception {
    return analyzer.analyze(root, settings, ProgressListener.NONE);
  }

  private static List<String> edges(Analysis analysis) {
    return analysis.graph().edges().stream().map(e -> e.from() + " -> " + e.to()).toList();
  }

  /** Writes a file dated an hour ago (each write a second later), out of the racy window. */
  private void write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    long written;
    try (Stream<Path> all = Files.list(root)) {
      written = all.count();
    }
    Files.setLastModifiedTime(file, FileTime.from(anHourAgo.plusSeconds(written)));
  }
}
