package dev.velocitytrinity.depci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

  @TempDir Path root;

  private CliHarness cli;

  private void write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @BeforeEach
  void seed() throws Exception {
    write("src/main.ts", "import { x } from './utils';\n");
    write("src/utils.ts", "export const x = 1;\n");
    cli = CliHarness.of(DepCiCli::run, root);
  }

  @Test
  void analyze_seedFixture_printsImporterRelativeToRoot() {
    CliResult result = cli.run("analyze", "src/utils.ts");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("src/main.ts\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void analyze_explain_printsOneChainPerFile() {
    CliResult result = cli.run("analyze", "--explain", "src/utils.ts");

    assertThat(result.out())
        .isEqualTo("src/main.ts\n  src/main.ts:1:19 imports './utils' -> src/utils.ts\n");
  }

  @Test
  void analyze_fromSubdirectoryOfConfiguredRepo_pathsStayRootRelative() throws Exception {
    write("dep-ci.yml", "analyze:\n  workers: 1\n");

    CliResult result = cli.inDirectory(root.resolve("src")).run("analyze", "utils.ts");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("src/main.ts\n");
  }

  @Test
  void analyze_directory_meansEveryFileInIt() throws Exception {
    write("lib/a.ts", "export const a = 1;\n");
    write("app.ts", "import { a } from './lib/a';\n");

    assertThat(cli.run("analyze", "lib").out()).isEqualTo("app.ts\n");
  }

  @Test
  void analyze_leafWithNoImporters_printsNothing() {
    CliResult result = cli.run("analyze", "src/main.ts");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
  }

  @Test
  void analyze_noFileAndNoSince_isUsageError() {
    CliResult result = cli.run("analyze");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("dep-ci: error: name at least one FILE, or use --since REF\n");
  }

  @Test
  void analyze_missingFile_isUsageErrorWithoutStackTrace() {
    CliResult result = cli.run("analyze", "src/nope.ts");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "dep-ci: error: src/nope.ts: no such file (for deleted files use --since REF)\n");
  }

  @Test
  void analyze_fileOutsideRoot_isUsageError() throws Exception {
    Path outside = Files.createTempFile("outside", ".ts");
    try {
      CliResult result = cli.run("analyze", "--root", "src", outside.toString());

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .startsWith("dep-ci: error: ")
          .contains("outside the repository root");
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void analyze_unknownLanguageInConfig_isUsageError() throws Exception {
    write("dep-ci.yml", "analyze:\n  languages: [typescript, cobol]\n");

    CliResult result = cli.run("analyze", "src/utils.ts");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "dep-ci: error: analyze.languages: unknown language 'cobol' (expected typescript,"
                + " javascript, python)\n");
  }

  @Test
  void analyze_malformedAlias_isUsageError() throws Exception {
    write("dep-ci.yml", "analyze:\n  aliases: ['@app/*']\n");

    CliResult result = cli.run("analyze", "src/utils.ts");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("analyze.aliases: alias '@app/*' is not PATTERN=TARGET");
  }

  @Test
  void analyze_jsonFormat_listsChangedAndAffected() {
    CliResult result = cli.run("--format", "json", "analyze", "src/utils.ts");

    assertThat(result.out())
        .contains("\"schema\" : \"dep-ci/analyze\"")
        .contains("\"changed\" : [ \"src/utils.ts\" ]")
        .contains("\"path\" : \"src/main.ts\"")
        .doesNotContain("chain");
  }

  @Test
  void analyze_noCache_writesNoCacheDirectory() {
    cli.run("analyze", "--no-cache", "src/utils.ts");

    assertThat(root.resolve(".dep-ci")).doesNotExist();
  }

  @Test
  void analyze_fileEditedBetweenRuns_seesTheNewImport() throws Exception {
    write("src/other.ts", "export const o = 1;\n");
    assertThat(cli.run("analyze", "src/other.ts").out()).isEmpty();

    write("src/main.ts", "import { x } from './utils';\nimport { o } from './other';\n");

    assertThat(cli.run("analyze", "src/other.ts").out()).isEqualTo("src/main.ts\n");
  }

  @Test
  void analyze_fileAddedBetweenRuns_seesTheNewImporter() throws Exception {
    assertThat(cli.run("analyze", "src/utils.ts").out()).isEqualTo("src/main.ts\n");

    write("src/late.ts", "import { x } from './utils';\n");

    assertThat(cli.run("analyze", "src/utils.ts").out()).isEqualTo("src/late.ts\nsrc/main.ts\n");
  }

  @Test
  void analyze_tsconfigChangedBetweenRuns_resolvesAgain() throws Exception {
    write("tsconfig.json", "{\"compilerOptions\": {\"paths\": {\"@u\": [\"src/other.ts\"]}}}");
    write("src/other.ts", "export const o = 1;\n");
    write("src/app.ts", "import { x } from '@u';\n");
    assertThat(cli.run("analyze", "src/other.ts").out()).isEqualTo("src/app.ts\n");

    write("tsconfig.json", "{\"compilerOptions\": {\"paths\": {\"@u\": [\"src/utils.ts\"]}}}");

    assertThat(cli.run("analyze", "src/other.ts").out()).isEmpty();
    assertThat(cli.run("analyze", "src/utils.ts").out()).isEqualTo("src/app.ts\nsrc/main.ts\n");
  }
}
