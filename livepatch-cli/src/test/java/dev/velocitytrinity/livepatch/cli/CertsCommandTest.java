package dev.velocitytrinity.livepatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.livepatch.transport.PemFiles;
import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

  @TempDir Path sandbox;

  private CliHarness cli() {
    return CliHarness.of(LivePatchCli::run, sandbox);
  }

  @Test
  void init_emptyDir_writesStandardFilesWithPrivateKeys() throws Exception {
    CliResult result = cli().run("certs", "init", "--dir", "certs");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Path certs = sandbox.resolve("certs");
    for (String name : new String[] {"ca", "agent", "client"}) {
      assertThat(certs.resolve(name + ".crt")).exists();
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(certs.resolve(name + ".key"))))
          .isEqualTo("rw-------");
      assertThat(Files.readString(certs.resolve(name + ".key")))
          .startsWith("-----BEGIN PRIVATE KEY-----");
    }
    assertThat(result.out() + result.err()).doesNotContain("PRIVATE KEY");
    assertThat(
            PemFiles.readCertificate(certs.resolve("agent.crt"))
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=livepatch-agent");
  }

  @Test
  void init_existingCa_refusesWithoutForce() {
    cli().run("certs", "init", "--dir", "certs");

    CliResult again = cli().run("certs", "init", "--dir", "certs");

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("exists; pass --force").doesNotContain("Exception");
  }

  @Test
  void issueClient_afterInit_writesNamedPair() throws Exception {
    cli().run("certs", "init", "--dir", "certs");

    CliResult result = cli().run("certs", "issue-client", "--name", "alice", "--dir", "certs");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Path cert = sandbox.resolve("certs/alice.crt");
    assertThat(PemFiles.readCertificate(cert).getSubjectX500Principal().getName())
        .isEqualTo("CN=alice");
    assertThat(PemFiles.readCertificate(cert).getIssuerX500Principal())
        .isEqualTo(
            PemFiles.readCertificate(sandbox.resolve("certs/ca.crt")).getSubjectX500Principal());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(sandbox.resolve("certs/alice.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void issueClient_withoutCa_exitsWithUsageError() {
    CliResult result = cli().run("certs", "issue-client", "--name", "alice", "--dir", "nowhere");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no CA in").contains("certs init");
  }

  @Test
  void issueClient_nameWithSlash_exitsWithUsageError() {
    cli().run("certs", "init", "--dir", "certs");

    CliResult result = cli().run("certs", "issue-client", "--name", "../x", "--dir", "certs");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(sandbox.resolve("x.crt")).doesNotExist();
  }
}
