package dev.velocitytrinity.livepatch.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRootTest {

  @TempDir Path temp;
  private AgentRoot root;

  @BeforeEach
  void open() throws IOException {
    root = AgentRoot.open(temp.resolve("root"));
  }

  @Test
  void resolve_plainPath_staysInsideRoot() throws Exception {
    assertThat(root.resolve("a/b.txt")).isEqualTo(root.path().resolve("a/b.txt"));
  }

  @Test
  void resolve_dotDot_isRejected() {
    assertThatThrownBy(() -> root.resolve("a/../../etc/passwd"))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("'..'");
  }

  @Test
  void resolve_absolutePath_isRejected() {
    assertThatThrownBy(() -> root.resolve("/etc/passwd"))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("relative");
  }

  @Test
  void resolve_nulByte_isRejected() {
    assertThatThrownBy(() -> root.resolve("a\0b"))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void resolve_reservedStateDirectory_isRejected() {
    assertThatThrownBy(() -> root.resolve(".livepatch-agent/root-id"))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("reserved");
  }

  @Test
  void resolve_parentIsSymlinkOutsideRoot_isRejected() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createSymbolicLink(root.path().resolve("escape"), outside);

    assertThatThrownBy(() -> root.resolve("escape/new/file.txt"))
        .isInstanceOf(ChangeRejectedException.class)
        .hasMessageContaining("outside the root through a symlink");
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void resolve_symlinkOutsideThatTheSetReplacesWithADirectory_isAllowedOnlyThen() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createSymbolicLink(root.path().resolve("escape"), outside);
    Files.writeString(root.path().resolve("plain"), "a file");

    // A set that puts a fresh directory at "escape" moves the symlink away first.
    assertThat(root.resolve("escape/file.txt", "escape"::equals, new HashSet<>()))
        .isEqualTo(root.path().resolve("escape/file.txt"));
    assertThat(root.resolve("plain/deeper/file.txt", "plain"::equals, new HashSet<>())).isNotNull();
    // Without that directory in the set, both stay refused.
    assertThatThrownBy(() -> root.resolve("escape/file.txt", "other"::equals, new HashSet<>()))
        .hasMessageContaining("outside the root through a symlink");
    assertThatThrownBy(() -> root.resolve("plain/deeper/file.txt", path -> false, new HashSet<>()))
        .hasMessageContaining("parent is not a directory");
  }

  @Test
  void resolve_parentIsSymlinkInsideRoot_isAllowed() throws Exception {
    Files.createDirectories(root.path().resolve("real"));
    Files.createSymbolicLink(root.path().resolve("alias"), Path.of("real"));

    assertThat(root.resolve("alias/file.txt")).isNotNull();
  }

  @Test
  void checkLinkTarget_climbingOutOfRoot_isRejected() {
    assertThatThrownBy(() -> root.checkLinkTarget("a/link", "../../etc"))
        .isInstanceOf(ChangeRejectedException.class);
    assertThatThrownBy(() -> root.checkLinkTarget("link", "/etc/passwd"))
        .isInstanceOf(ChangeRejectedException.class);
  }
}
