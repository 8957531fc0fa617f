package dev.velocitytrinity.livepatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePatchAgentCliTest {

  @TempDir Path sandbox;

  private CliHarness cli() {
    return CliHarness.of(LivePatchAgentCli::run, sandbox);
  }

  @Test
  void run_withoutRoot_exitsUsageNamingTheFlag() {
    CliResult result = cli().run("--listen", "127.0.0.1:0", "--certs", "certs");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--root");
  }

  @Test
  void run_withoutTlsMaterial_refusesToServePlaintext() {
    CliResult result = cli().run("--root", "app", "--listen", "127.0.0.1:0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no TLS material").contains("never serves plaintext");
  }

  @Test
  void run_missingCertificateFiles_exitsUsageWithoutStackTrace() {
    CliResult result = cli().run("--root", "app", "--listen", "127.0.0.1:0", "--certs", "nowhere");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("cannot read").doesNotContain("\tat ");
  }

  @Test
  void run_badListenAddress_exitsUsage() {
    CliResult result = cli().run("--root", "app", "--listen", "nope", "--certs", "certs");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("listen");
  }
}
