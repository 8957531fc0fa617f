package dev.velocitytrinity.quantum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantumCliTest {

  @TempDir Path sandbox;

  @Test
  void help_root_listsEveryCommand() {
    CliResult result = CliHarness.of(QuantumCli::run, sandbox).run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("serve", "worker", "enqueue", "dequeue", "status", "pause", "resume", "simulate");
  }

  @Test
  void help_eachCommand_exitsZeroWithUsage() {
    for (String command :
        new String[] {
          "serve", "worker", "enqueue", "dequeue", "status", "pause", "resume", "simulate"
        }) {
      CliResult result = CliHarness.of(QuantumCli::run, sandbox).run(command, "--help");

      assertThat(result.exitCode()).as(command).isZero();
      assertThat(result.out()).as(command).startsWith("Usage: quantum " + command);
    }
  }

  @Test
  void enqueue_missingSha_isAUsageError() {
    CliResult result = CliHarness.of(QuantumCli::run, sandbox).run("enqueue", "acme/app", "1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("quantum: error: Missing required option: '--sha=SHA'");
  }

  @Test
  void worker_commandExecutorWithoutCommand_isAUsageError() {
    CliResult result =
        CliHarness.of(QuantumCli::run, sandbox).run("worker", "--executor", "command", "--once");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "quantum: error: the command executor needs a command: --command CMD or the setting"
                + " worker.command\n");
  }

  @Test
  void serve_badListenAddress_isAConfigError() {
    CliResult result = CliHarness.of(QuantumCli::run, sandbox).run("serve", "--listen", "nope");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("flag --listen: error: server.listen must be HOST:PORT\n");
  }
}
