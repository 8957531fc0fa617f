package dev.velocitytrinity.livepatch.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreePathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "/abs", "a/../b", "..", "./a", "a//b", "a/", "a\\b", "C:x", "z:", "a\0b", "a/.", "a/..",
        "/", "a/./b"
      })
  void check_unsafePath_isRejected(String path) {
    assertThatThrownBy(() -> TreePaths.check(path)).isInstanceOf(UnsafePathException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "a/b.txt", ".env", "a/..b/c", "dir/file..txt", "...", "a/.x", "1:x"})
  void check_cleanRelativePath_isAccepted(String path) {
    assertThat(TreePaths.check(path)).isEqualTo(path);
  }
}
