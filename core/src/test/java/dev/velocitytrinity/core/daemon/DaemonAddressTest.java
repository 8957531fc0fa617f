package dev.velocitytrinity.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock("user.name")
class DaemonAddressTest {

  @TempDir Path dir;

  private final String userName = System.getProperty("user.name");

  @AfterEach
  void restore() {
    System.setProperty("user.name", userName);
  }

  @Test
  void currentUser_knownUser_isTheJvmsUserName() {
    assertThat(DaemonAddress.currentUser()).isEqualTo(userName);
  }

  /** A uid without a passwd entry: the JVM says "?", files are owned by the numeric id. */
  @Test
  void currentUser_userTheSystemHasNoNameFor_isHowItsFilesAreOwned() throws Exception {
    System.setProperty("user.name", "?");
    Path mine = Files.createFile(dir.resolve("mine"));

    assertThat(DaemonAddress.currentUser()).isEqualTo(Files.getOwner(mine).getName());
    assertThat(DaemonAddress.privateFolderProblem(Files.createDirectory(dir.resolve("d"))))
        .hasValueSatisfying(problem -> assertThat(problem).doesNotContain("belongs to"));
  }
}
