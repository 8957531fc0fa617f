package dev.velocitytrinity.depci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnresolvedCommandTest {

  @TempDir Path root;

  private void write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void unresolved_brokenRelativeImport_exit1WithCompilerStyleLocation() throws Exception {
    write(
        "src/main.ts", "import ok from 'react';\nconst s = 'ü'; import { gone } from './gone';\n");

    CliResult result = CliHarness.of(DepCiCli::run, root).run("unresolved");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("src/main.ts:2:37: error: cannot resolve './gone' (no file src/gone{");
  }

  @Test
  void unresolved_onlyExternalsAndAliasMisses_exit0() throws Exception {
    write("tsconfig.json", "{\"compilerOptions\": {\"paths\": {\"@x/*\": [\"x/*\"]}}}");
    write("src/main.ts", "import React from 'react';\nimport '@x/missing';\n");

    CliResult result = CliHarness.of(DepCiCli::run, root).run("unresolved");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "src/main.ts:2:8: warning: cannot resolve '@x/missing' (matched path pattern"
                + " '@x/*')\n");
  }

  @Test
  void unresolved_brokenPythonRelativeImport_exit1() throws Exception {
    write("pkg/__init__.py", "");
    write("pkg/a.py", "from .nope import x\n");

    CliResult result = CliHarness.of(DepCiCli::run, root).run("unresolved");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .isEqualTo("pkg/a.py:1:6: error: cannot resolve '.nope' (no module nope in pkg)\n");
  }

  @Test
  void unresolved_cleanRepo_printsNothing() throws Exception {
    write("a.ts", "export const a = 1;\n");

    CliResult result = CliHarness.of(DepCiCli::run, root).run("unresolved");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
  }

  @Test
  void unresolved_ignoredFileCreatedBetweenRuns_isNoLongerBroken() throws Exception {
    write(".gitignore", "generated/\n");
    write("src/main.ts", "import { api } from '../generated/api';\n");
    CliHarness cli = CliHarness.of(DepCiCli::run, root);
    assertThat(cli.run("unresolved").exitCode()).isEqualTo(1);

    write("generated/api.ts", "export const api = 1;\n");

    CliResult result = cli.run("unresolved");
    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(cli.run("analyze", "generated/api.ts").out()).isEqualTo("src/main.ts\n");
  }
}
