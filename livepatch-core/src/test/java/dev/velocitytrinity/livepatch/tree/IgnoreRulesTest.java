package dev.velocitytrinity.livepatch.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {

  @Test
  void ignored_basenamePattern_matchesAtAnyDepth() {
    IgnoreRules rules = IgnoreRules.of(List.of("*.log"));

    assertThat(rules.ignored("debug.log", false)).isTrue();
    assertThat(rules.ignored("a/b/debug.log", false)).isTrue();
    assertThat(rules.ignored("a/debug.txt", false)).isFalse();
  }

  @Test
  void ignored_anchoredAndDirectoryPatterns_matchOnlyThere() {
    IgnoreRules rules = IgnoreRules.of(List.of("/build", "node_modules/", "docs/**/*.tmp"));

    assertThat(rules.ignored("build", true)).isTrue();
    assertThat(rules.ignored("src/build", true)).isFalse();
    assertThat(rules.ignored("web/node_modules", true)).isTrue();
    assertThat(rules.ignored("web/node_modules", false)).isFalse();
    assertThat(rules.ignored("docs/a/b/x.tmp", false)).isTrue();
    assertThat(rules.ignored("docs/x.tmp", false)).isTrue();
  }

  @Test
  void ignored_negation_reincludesLaterMatch() {
    IgnoreRules rules = IgnoreRules.of(List.of("*.env", "!example.env", "# comment", ""));

    assertThat(rules.ignored("prod.env", false)).isTrue();
    assertThat(rules.ignored("example.env", false)).isFalse();
  }

  @Test
  void ignored_gitAndAgentState_alwaysIgnored() {
    IgnoreRules rules = IgnoreRules.none();

    assertThat(rules.ignored(".git", true)).isTrue();
    assertThat(rules.ignored(".git/config", false)).isTrue();
    assertThat(rules.ignored(".livepatch-agent", true)).isTrue();
    assertThat(rules.ignored(".github", true)).isFalse();
  }

  @Test
  void load_allThreeFiles_combinesRulesAndAnchorsDockerignore(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".gitignore"), "*.log\n");
    Files.writeString(dir.resolve(".dockerignore"), "tmp\n");
    Files.writeString(dir.resolve(".livepatchignore"), "secrets/\n");

    IgnoreRules rules = IgnoreRules.load(dir);

    assertThat(rules.ignored("x.log", false)).isTrue();
    assertThat(rules.ignored("tmp", true)).isTrue();
    assertThat(rules.ignored("a/tmp", true)).isFalse();
    assertThat(rules.ignored("secrets", true)).isTrue();
  }
}
