package dev.velocitytrinity.depci.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The tree-sitter C runtime that parses for this process.
 *
 * <p>The io.github.bonede binding ships tree-sitter's runtime compiled without optimisation, and
 * parsing is most of a cold analysis. dep-ci's build compiles tree-sitter's runtime with {@code
 * -O2} ({@code dep-ci/src/build/build-native.sh}, Linux only). When that library is present it is
 * loaded and promoted to the process's global symbol scope <em>before</em> the binding's library
 * loads; the binding calls every {@code ts_*} function through its PLT, so those calls then bind to
 * the optimised build, while the binding's JNI glue and the grammars stay as shipped. When the
 * library is missing or anything fails, the binding's own runtime parses: same results, slower.
 *
 * <p>The choice is made once per process (native libraries are process-wide) on first use, which
 * every extractor triggers before it touches a binding class.
 *
 * @param optimised whether the optimised build is in use
 * @param description what is in use and why, for {@code --verbose}
 */
public record NativeRuntime(boolean optimised, String description) {

  /** Folder holding {@code linux-<arch>/libvt-tree-sitter.so}; the launcher passes its own. */
  public static final String DIR_PROPERTY = "depci.native.dir";

  /** {@code binding} forces the binding's own runtime (for comparisons and as an escape hatch). */
  public static final String CHOICE_PROPERTY = "depci.tree-sitter.runtime";

  private static final String LIBRARY = "libvt-tree-sitter.so";
  private static final String PROBE_SYMBOL = "ts_parser_parse";

  /** The runtime of this process. */
  public static NativeRuntime active() {
    return Holder.ACTIVE;
  }

  private static final class Holder {
    static final NativeRuntime ACTIVE =
        choose(
            System.getProperty(DIR_PROPERTY, homeNativeDir()),
            System.getProperty(CHOICE_PROPERTY, ""),
            System.getProperty("os.name", ""),
            System.getProperty("os.arch", ""));
  }

  private static String homeNativeDir() {
    String home = System.getProperty("vt.home");
    return home == null ? null : Path.of(home, "lib", "native").toString();
  }

  static NativeRuntime choose(String dir, String choice, String osName, String osArch) {
    if ("binding".equalsIgnoreCase(choice)) {
      return binding(CHOICE_PROPERTY + "=binding");
    }
    if (dir == null) {
      return binding("no native folder (run through dist/bin/dep-ci to use the optimised one)");
    }
    String platform = platform(osName, osArch);
    if (platform == null) {
      return binding("no optimised build for " + osName + "/" + osArch);
    }
    Path library = Path.of(dir, platform, LIBRARY);
    if (!Files.isRegularFile(library)) {
      return binding("no optimised build at " + library + " (built only where a C compiler is)");
    }
    return load(library);
  }

  private static NativeRuntime load(Path library) {
    String file;
    try {
      file = library.toRealPath().toString();
      System.load(file);
    } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
      return binding("could not load " + library + ": " + e.getMessage());
    }
    String refused = NativeLinker.promote(file);
    if (refused != null) {
      return binding("could not promote " + library + ": " + refused);
    }
    String definer = NativeLinker.definingLibrary(PROBE_SYMBOL);
    if (!file.equals(definer)) {
      return binding(PROBE_SYMBOL + " resolves to " + definer + ", not " + file);
    }
    return new NativeRuntime(true, "optimised tree-sitter runtime " + file);
  }

  private static NativeRuntime binding(String why) {
    return new NativeRuntime(false, "the binding's tree-sitter runtime: " + why);
  }

  /** {@code linux-x86_64} or {@code linux-aarch64}; {@code null} where no build is made. */
  static String platform(String osName, String osArch) {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return null;
    }
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "linux-x86_64";
      case "aarch64", "arm64" -> "linux-aarch64";
      default -> null;
    };
  }
}
