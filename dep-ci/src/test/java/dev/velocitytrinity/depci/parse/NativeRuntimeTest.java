package dev.velocitytrinity.depci.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeRuntimeTest {

  @TempDir Path dir;

  @Test
  void choose_optedOut_usesTheBindingsRuntime() {
    NativeRuntime runtime = NativeRuntime.choose(dir.toString(), "binding", "Linux", "amd64");

    assertThat(runtime.optimised()).isFalse();
    assertThat(runtime.description()).contains("depci.tree-sitter.runtime=binding");
  }

  @Test
  void choose_noLibraryInTheFolder_saysWhereItLooked() {
    NativeRuntime runtime = NativeRuntime.choose(dir.toString(), "", "Linux", "amd64");

    assertThat(runtime.optimised()).isFalse();
    assertThat(runtime.description())
        .contains(dir.resolve("linux-x86_64/libvt-tree-sitter.so").toString());
  }

  @Test
  void choose_noFolderOrOtherPlatform_usesTheBindingsRuntime() {
    assertThat(NativeRuntime.choose(null, "", "Linux", "amd64").optimised()).isFalse();
    assertThat(NativeRuntime.choose(dir.toString(), "", "Mac OS X", "aarch64").description())
        .contains("no optimised build for Mac OS X/aarch64");
  }

  @Test
  void platform_mapsJavaNamesToBuildFolders() {
    assertThat(NativeRuntime.platform("Linux", "amd64")).isEqualTo("linux-x86_64");
    assertThat(NativeRuntime.platform("Linux", "aarch64")).isEqualTo("linux-aarch64");
    assertThat(NativeRuntime.platform("Windows 11", "amd64")).isNull();
    assertThat(NativeRuntime.platform("Linux", "s390x")).isNull();
  }

  /**
   * The build points the tests at its native folder (surefire's depci.native.dir): where it built
   * the library, every tree-sitter call of this JVM must resolve to it, so the golden tests run on
   * the optimised runtime; where it could not (no C compiler), the binding's runtime is used.
   */
  @Test
  void active_inTheBuild_isTheLibraryTheBuildMade() throws Exception {
    String folder = System.getProperty(NativeRuntime.DIR_PROPERTY);
    assertThat(folder).as("surefire sets " + NativeRuntime.DIR_PROPERTY).isNotNull();
    String platform =
        NativeRuntime.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
    Path library = platform == null ? null : Path.of(folder, platform, "libvt-tree-sitter.so");

    NativeRuntime runtime = NativeRuntime.active();

    if (library != null && Files.isRegularFile(library)) {
      String file = library.toRealPath().toString();
      assertThat(runtime.optimised()).as(runtime.description()).isTrue();
      assertThat(NativeLinker.definingLibrary("ts_parser_parse")).isEqualTo(file);
      assertThat(NativeLinker.definingLibrary("ts_query_cursor_exec")).isEqualTo(file);
    } else {
      assertThat(runtime.optimised()).isFalse();
    }
  }
}
