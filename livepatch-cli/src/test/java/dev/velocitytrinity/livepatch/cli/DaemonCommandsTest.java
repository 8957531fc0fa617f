package dev.velocitytrinity.livepatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonCommandsTest {

  @TempDir Path sandbox;

  @Test
  void isSync_subcommandOnly_notAnArgumentThatReadsSync() {
    assertThat(SyncDaemon.isSync(new String[] {"sync", "src"})).isTrue();
    assertThat(SyncDaemon.isSync(new String[] {"--format", "json", "sync", "src"})).isTrue();
    assertThat(SyncDaemon.isSync(new String[] {"--config", "sync", "sync", "src"})).isTrue();
    assertThat(SyncDaemon.isSync(new String[] {"--verbose", "sync"})).isTrue();

    assertThat(SyncDaemon.isSync(new String[] {"certs", "init", "--dir", "sync"})).isFalse();
    assertThat(SyncDaemon.isSync(new String[] {"--config", "sync", "config", "show"})).isFalse();
    // What a sync starts a daemon with: the daemon's own command, never handed to a daemon.
    assertThat(
            SyncDaemon.isSync(
                new String[] {"daemon", "run", "--warm-up-in", "/w", "--", "sync", "src"}))
        .isFalse();
    assertThat(SyncDaemon.wanted(new String[] {"daemon", "run", "--", "sync"}, Map.of())).isFalse();
  }

  @Test
  void dryRunOf_sync_putsTheFlagRightAfterTheSubcommand() {
    assertThat(DaemonRunCommand.dryRunOf(List.of("--verbose", "sync", "--", "-odd-dir")))
        .contains(List.of("--verbose", "sync", "--dry-run", "--", "-odd-dir"));
    assertThat(DaemonRunCommand.dryRunOf(List.of("sync", "src", "--dry-run")))
        .contains(List.of("sync", "src", "--dry-run"));
    assertThat(DaemonRunCommand.dryRunOf(List.of("sync", "--", "--dry-run")))
        .contains(List.of("sync", "--dry-run", "--", "--dry-run"));
    assertThat(DaemonRunCommand.dryRunOf(List.of("certs", "init"))).isEqualTo(Optional.empty());
  }

  @Test
  void daemonRun_socketInAFolderOthersCanOpen_refusesAndLeavesItsModeAlone() throws Exception {
    Path shared = Files.createDirectories(sandbox.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    CliResult result =
        CliHarness.of(LivePatchCli::run, sandbox)
            .run("daemon", "run", "--socket", "shared/d.sock", "--idle-timeout", "1s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("is not a folder only you can open").doesNotContain("at ");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rwxrwxrwx");
    assertThat(shared.resolve("d.sock")).doesNotExist();
  }
}
