package dev.velocitytrinity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class LaunchersIT {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"dep-ci", "livepatch", "livepatch-agent", "quantum"})
  void version_eachTool_printsNameAndBuildVersion(String tool) throws Exception {
    Launcher.Result r = Launcher.run(dir, Map.of(), Launcher.bin(tool), "--version");

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out()).startsWith(tool + " 0.1.0");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dep-ci", "livepatch", "livepatch-agent", "quantum"})
  void configShowJson_eachTool_isValidJsonWithEverySetting(String tool) throws Exception {
    Launcher.Result r =
        Launcher.run(dir, Map.of(), Launcher.bin(tool), "config", "show", "--format", "json");

    assertThat(r.exitCode()).as(r.all()).isZero();
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertThat(doc.get("tool").asText()).isEqualTo(tool);
    assertThat(doc.get("settings")).isNotEmpty();
    doc.get("settings").forEach(s -> assertThat(s.get("source").asText()).isEqualTo("default"));
  }

  @Test
  void configShow_badConfigFile_exit2WithFileLineColumn() throws Exception {
    Files.writeString(dir.resolve("quantum.yml"), "queue:\n  speculationDepth: 0\n");

    Launcher.Result r = Launcher.run(dir, Map.of(), Launcher.bin("quantum"), "config", "show");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("quantum.yml:2:3: error: queue.speculationDepth must be between 1 and 64\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void configShow_unknownKeyInFileGivenByFlag_suggestsFix() throws Exception {
    Path file = dir.resolve("custom.yml");
    Files.writeString(file, "redis:\n  ulr: redis://localhost:6379\n");

    Launcher.Result r =
        Launcher.run(
            dir, Map.of(), Launcher.bin("quantum"), "config", "show", "--config", "custom.yml");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "custom.yml:2:3: error: unknown setting 'redis.ulr'; did you mean 'redis.url'?\n");
  }

  @Test
  void secretFromEnv_neverPrintedInOutputOrLogs() throws Exception {
    String secret = "Zq9-env-secret-value-7781";
    Map<String, String> env = Map.of("QUANTUM_REDIS_PASSWORD", secret);

    Launcher.Result text =
        Launcher.run(dir, env, Launcher.bin("quantum"), "--verbose", "config", "show");
    Launcher.Result json =
        Launcher.run(dir, env, Launcher.bin("quantum"), "config", "show", "--format", "json", "-v");

    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("redis.password").contains("****");
    assertThat(json.exitCode()).isZero();
    assertThat(Stream.of(text.all(), json.all())).noneMatch(s -> s.contains(secret));
  }

  @Test
  void usageError_exit2OneLineNoStackTrace() throws Exception {
    Launcher.Result r = Launcher.run(dir, Map.of(), Launcher.bin("dep-ci"), "--no-such-flag");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("dep-ci: error: Unknown option: '--no-such-flag'");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void livepatchSync_unknownAgentHost_exit3OneLineNoStackTrace() throws Exception {
    livepatchCerts();
    Files.createDirectories(dir.resolve("src"));

    // .invalid never resolves (RFC 6761).
    Launcher.Result r = livepatchSync("agent.invalid:7443");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    assertThat(r.err())
        .isEqualTo(
            "livepatch: error: cannot reach agent agent.invalid:7443: unknown host agent.invalid"
                + System.lineSeparator());
  }

  @Test
  void livepatch_agentOnIpv6Loopback_printsABracketedAddress_andTheCliSyncsToIt() throws Exception {
    livepatchCerts();
    Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/hello.txt"), "hello over IPv6");
    Path out = dir.resolve("agent.out");
    List<String> command = new ArrayList<>();
    if (Launcher.windows()) {
      command.addAll(List.of("cmd.exe", "/c"));
    }
    command.addAll(
        List.of(
            Launcher.bin("livepatch-agent").toString(),
            "--root",
            "root",
            "--listen",
            "[::1]:0",
            "--certs",
            "certs"));
    Process agent =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      Matcher listening = Launcher.awaitLine(out, "listening on (\\[[0-9a-f:]+\\]:\\d+) ");

      Launcher.Result sync = livepatchSync(listening.group(1));

      assertThat(sync.exitCode()).as(sync.all()).isZero();
      assertThat(dir.resolve("root/hello.txt")).hasContent("hello over IPv6");
    } finally {
      agent.destroy();
      agent.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC}) // Process.destroy() is SIGTERM there; Windows has no signal
  void livepatchSync_stoppedBeforeItsChangeSetIsComplete_saysTheAgentAppliedNone()
      throws Exception {
    livepatchCerts();
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/a.txt"), "alpha");
    Path err = dir.resolve("sync.err");
    // An "agent" that accepts the connection and never answers: the sync waits for its handshake.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process sync =
          Launcher.start(
              dir,
              Map.of(),
              dir.resolve("sync.out"),
              err,
              Launcher.bin("livepatch"),
              "sync",
              "src",
              "--agent",
              "127.0.0.1:" + silent.getLocalPort(),
              "--certs",
              "certs");
      try (Socket accepted = silent.accept()) {
        sync.destroy();
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(sync.exitValue()).isEqualTo(143);
      assertThat(Files.readString(err))
          .isEqualTo(
              "livepatch: interrupted before the change set was complete; the agent applied none"
                  + " of it"
                  + System.lineSeparator());
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC}) // Windows users run the .cmd twin, which has no symlink logic
  void launcher_calledThroughSymlink_findsItsLibraries() throws Exception {
    Path link = dir.resolve("dep-ci-link");
    Files.createSymbolicLink(link, Launcher.bin("dep-ci"));

    Launcher.Result r = Launcher.run(dir, Map.of(), link, "--version");

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out()).startsWith("dep-ci ");
  }

  @Test
  void packaging_leavesWindowsTwins() {
    Path dist = Launcher.dist();
    for (String tool : new String[] {"dep-ci", "livepatch", "livepatch-agent", "quantum"}) {
      assertThat(dist.resolve("bin/" + tool + ".cmd")).content().contains("-jar").contains("\r\n");
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC}) // archives and completion scripts are made by the unix profile
  void packaging_leavesCdsArchivesAndCompletionScripts() throws Exception {
    Path dist = Launcher.dist();
    for (String tool : new String[] {"dep-ci", "livepatch", "livepatch-agent", "quantum"}) {
      assertThat(dist.resolve("completion/" + tool + ".bash")).content().contains("complete");
      // One archive per Java binary, under that binary's path.
      try (Stream<Path> archives = Files.walk(dist.resolve("lib/cds/" + tool))) {
        assertThat(archives.map(p -> p.getFileName().toString()))
            .anyMatch(name -> name.endsWith(".jsa"));
      }
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void launcher_retrainsAnArchiveOlderThanItsJar_andMapsAFreshOne() throws Exception {
    Path copy = dir.resolve("dist");
    Path archive = copyWithStaleArchive(copy, "dep-ci");
    Path jar = copy.resolve("lib/dep-ci-" + version() + ".jar");

    Launcher.Result first = Launcher.run(dir, Map.of(), copy.resolve("bin/dep-ci"), "--version");
    FileTime retrained = Files.getLastModifiedTime(archive);
    Launcher.Result second = Launcher.run(dir, Map.of(), copy.resolve("bin/dep-ci"), "--version");

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(retrained).isGreaterThan(Files.getLastModifiedTime(jar));
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(retrained);
    try (Stream<Path> leftovers = Files.walk(copy.resolve("lib/cds"))) {
      assertThat(leftovers).noneMatch(p -> p.toString().endsWith(".tmp"));
    }
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void launcher_copiedDistribution_recordsItsOwnArchive_ratherThanTheOriginalsItCannotMap()
      throws Exception {
    Path copy = dir.resolve("dist");
    Path original = copyDistribution(copy, "dep-ci");
    FileTime copied = Files.getLastModifiedTime(original);

    Launcher.Result first = Launcher.run(dir, Map.of(), copy.resolve("bin/dep-ci"), "--version");

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(ownArchive(copy, "dep-ci", original)).isRegularFile();
    assertThat(Files.getLastModifiedTime(original)).isEqualTo(copied);
  }

  /** Where no archive can be written, the command still runs and succeeds, without recording. */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void launcher_archivePathTooLongToWrite_runsTheCommandWithoutRecording() throws Exception {
    Path deep = dir;
    for (int i = 0; i < 10; i++) {
      deep = deep.resolve(String.valueOf((char) ('a' + i)).repeat(200)); // 2 KB of path
    }
    Path copy = deep.resolve("dist");
    copyDistribution(copy, "dep-ci");

    Launcher.Result run = Launcher.run(dir, Map.of(), copy.resolve("bin/dep-ci"), "--version");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).startsWith("dep-ci ");
    assertThat(run.all()).doesNotContain("shared archive");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void agentLauncher_staleArchive_execsTheJvmWithoutTraining_soSigtermStopsIt() throws Exception {
    Path copy = dir.resolve("dist");
    Path archive = copyWithStaleArchive(copy, "livepatch-agent");
    FileTime stale = Files.getLastModifiedTime(archive);
    livepatchCerts();
    Files.createDirectories(dir.resolve("root"));
    Path out = dir.resolve("agent.out");

    Process agent =
        new ProcessBuilder(
                copy.resolve("bin/livepatch-agent").toString(),
                "--root",
                "root",
                "--listen",
                "127.0.0.1:0",
                "--certs",
                "certs")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      Launcher.awaitLine(out, "listening on ");
      // The launcher's own process became the JVM: a supervisor's SIGTERM reaches the agent.
      assertThat(agent.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("java"));
    } finally {
      agent.destroy();
    }
    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(stale);
    try (Stream<Path> leftovers = Files.walk(copy.resolve("lib/cds"))) {
      assertThat(leftovers).noneMatch(p -> p.toString().endsWith(".tmp"));
    }
  }

  /**
   * Copies the distribution to {@code copy}, moves the archive for {@code tool} (its module's name)
   * to where the copy's launcher looks for it and makes it older than the tool's jar; returns it.
   */
  private static Path copyWithStaleArchive(Path copy, String tool) throws IOException {
    Path original = copyDistribution(copy, tool);
    Path archive = ownArchive(copy, tool, original);
    Files.createDirectories(archive.getParent());
    Files.move(original, archive);
    Path jar = copy.resolve("lib/" + tool + "-" + version() + ".jar");
    Files.setLastModifiedTime(
        archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
    return archive;
  }

  /**
   * Copies the distribution to {@code copy}, file times kept (as cp -a and tar keep them); returns
   * the copy of the archive packaging recorded for {@code tool} at the original place.
   */
  private static Path copyDistribution(Path copy, String tool) throws IOException {
    copyTree(Launcher.dist().resolve("bin"), copy.resolve("bin"));
    copyTree(Launcher.dist().resolve("lib"), copy.resolve("lib"));
    Path recordedAt = cdsFolder(copy, tool, Launcher.dist());
    try (Stream<Path> archives = Files.walk(recordedAt)) {
      return archives.filter(p -> p.toString().endsWith(".jsa")).findFirst().orElseThrow();
    }
  }

  /** Where {@code dist}'s launcher keeps {@code tool}'s archives, in {@code copy}'s lib folder. */
  private static Path cdsFolder(Path copy, String tool, Path dist) throws IOException {
    return Path.of(copy.resolve("lib/cds/" + tool) + dist.resolve("lib").toRealPath().toString());
  }

  /** Where the copy's launcher looks for the archive {@code original} is a copy of. */
  private static Path ownArchive(Path copy, String tool, Path original) throws IOException {
    String javaPart =
        cdsFolder(copy, tool, Launcher.dist()).relativize(original).toString(); // the java path
    return cdsFolder(copy, tool, copy).resolve(javaPart);
  }

  /** Runs {@code livepatch certs init --dir certs} in the test's folder. */
  private void livepatchCerts() throws Exception {
    Launcher.Result init =
        Launcher.run(dir, Map.of(), Launcher.bin("livepatch"), "certs", "init", "--dir", "certs");
    assertThat(init.exitCode()).as(init.err()).isZero();
  }

  /** Runs {@code livepatch sync src --agent AGENT --certs certs} in the test's folder. */
  private Launcher.Result livepatchSync(String agent) throws Exception {
    return Launcher.run(
        dir,
        Map.of(),
        Launcher.bin("livepatch"),
        "sync",
        "src",
        "--agent",
        agent,
        "--certs",
        "certs");
  }

  private static String version() throws IOException {
    try (Stream<Path> libs = Files.list(Launcher.dist().resolve("lib"))) {
      return libs.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("dep-ci-") && n.endsWith(".jar"))
          .map(n -> n.substring("dep-ci-".length(), n.length() - ".jar".length()))
          .findFirst()
          .orElseThrow();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** picocli is recompiled for Java 17 so class-data sharing can archive it (Java 5 it cannot). */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void packaging_recompilesPicocliForJava17() throws Exception {
    Path jar;
    try (Stream<Path> libs = Files.list(Launcher.dist().resolve("lib"))) {
      jar =
          libs.filter(p -> p.getFileName().toString().matches("picocli-[0-9.]+\\.jar"))
              .findFirst()
              .orElseThrow();
    }
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      byte[] head = zip.getInputStream(zip.getEntry("picocli/CommandLine.class")).readNBytes(8);
      int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
      assertThat(major).isEqualTo(61);
      assertThat(zip.getEntry("picocli/AutoComplete.class")).isNotNull();
    }
  }

  /** Netty finds BoringSSL on java.library.path instead of copying it to a temp dir per run. */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void packaging_unpacksBoringSslWhereTheLauncherPointsJavaLibraryPath() throws Exception {
    Path dist = Launcher.dist();
    assertThat(dist.resolve("lib/native/libnetty_tcnative_linux_x86_64.so")).isRegularFile();
    assertThat(dist.resolve("bin/livepatch")).content().contains("-Djava.library.path=$lib/native");
  }

  /**
   * On Linux the package step builds tree-sitter's runtime with optimisation wherever a C compiler
   * is (dep-ci/src/build/build-native.sh); dep-ci must then parse with it, and find exactly what
   * the binding's own runtime finds, non-ASCII text before a specifier included.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void depCi_optimisedRuntime_findsWhatTheBindingsRuntimeFinds() throws Exception {
    Files.writeString(dir.resolve("utils.ts"), "export const u = 1;\n");
    Files.writeString(
        dir.resolve("main.ts"),
        "/* héllo 🚀 */ import { u } from './utils';\nexport * from \"./utils\";\n"
            + "const l = () => import('./lazy');\n");
    Files.writeString(dir.resolve("lazy.ts"), "import type { T } from './main';\n");
    Files.createDirectories(dir.resolve("pkg"));
    Files.writeString(dir.resolve("pkg/__init__.py"), "");
    Files.writeString(dir.resolve("pkg/a.py"), "# ü\nfrom . import b\nimport pkg.b\n");
    Files.writeString(dir.resolve("pkg/b.py"), "import os\n");

    Launcher.Result optimised =
        Launcher.run(dir, Map.of(), Launcher.bin("dep-ci"), "--verbose", "graph", "--no-cache");
    Launcher.Result binding =
        Launcher.run(
            dir,
            Map.of("VT_JAVA_OPTS", "-Ddepci.tree-sitter.runtime=binding"),
            Launcher.bin("dep-ci"),
            "--verbose",
            "graph",
            "--no-cache");

    assertThat(optimised.exitCode()).as(optimised.err()).isZero();
    assertThat(binding.exitCode()).as(binding.err()).isZero();
    assertThat(binding.err()).contains("parsed with the binding's tree-sitter runtime");
    if (onPath("cc")) {
      assertThat(optimised.err())
          .contains(
              "parsed with optimised tree-sitter runtime "
                  + Launcher.dist().toRealPath().resolve("lib/native"));
    } else {
      assertThat(optimised.err()).contains("built only where a C compiler is");
    }
    assertThat(optimised.out())
        .isEqualTo(binding.out())
        .contains("main.ts -> utils.ts")
        .contains("lazy.ts -> main.ts")
        .contains("pkg/a.py -> pkg/b.py");
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
  }
}
