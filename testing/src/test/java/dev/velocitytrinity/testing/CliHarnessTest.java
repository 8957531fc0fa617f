package dev.velocitytrinity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliHarnessTest {

  @TempDir Path sandbox;

  @Test
  void run_capturesExitCodeStreamsAndPassesEnvironment() {
    CliHarness harness =
        CliHarness.of(
                (args, out, err, env) -> {
                  out.print(String.join(",", args) + " home=" + env.env().get("HOME"));
                  err.print(
                      "cwd=" + env.workingDirectory().getFileName() + " x=" + env.env().get("X"));
                  return 7;
                },
                sandbox)
            .withEnv("X", "y");

    CliResult result = harness.run("a", "b");

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.out()).isEqualTo("a,b home=" + sandbox);
    assertThat(result.err()).isEqualTo("cwd=" + sandbox.getFileName() + " x=y");
  }
}
