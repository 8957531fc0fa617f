package dev.velocitytrinity.depci.resolve;

import dev.velocitytrinity.depci.scan.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the directories Python imports are resolved from. Only the few packaging keys that name
 * source directories are read from pyproject.toml and setup.cfg, line by line: dep-ci needs no full
 * TOML or INI model for them, and a file it cannot follow only costs detection (the roots can
 * always be configured).
 */
public final class PythonSourceRoots {

  private PythonSourceRoots() {}

  /** Configured roots win; otherwise declared ones, then {@code src/}, then the repository root. */
  public static List<String> detect(RepoFiles repo, List<String> configured) {
    Set<String> roots = new LinkedHashSet<>();
    if (!configured.isEmpty()) {
      for (String root : configured) {
        String normalized = RepoPaths.normalize(root);
        if (normalized != null) {
          roots.add(normalized);
        }
      }
      return List.copyOf(roots);
    }
    roots.addAll(fromPyproject(repo.root().resolve("pyproject.toml")));
    roots.addAll(fromSetupCfg(repo.root().resolve("setup.cfg")));
    Set<String> directories = repo.directories();
    if (directories.contains("src") && !repo.isFile("src/__init__.py") && !roots.contains("src")) {
      roots.add("src");
    }
    roots.add("");
    roots.removeIf(root -> root == null || (!root.isEmpty() && !directories.contains(root)));
    return List.copyOf(roots);
  }

  private static List<String> fromPyproject(Path file) {
    List<String> roots = new ArrayList<>();
    String section = "";
    for (String raw : lines(file)) {
      String line = stripComment(raw).strip();
      if (line.startsWith("[")) {
        section = line.replace(" ", "");
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      switch (section) {
        case "[tool.setuptools.packages.find]" -> {
          if (key.equals("where")) {
            roots.addAll(quoted(value));
          }
        }
        case "[tool.setuptools]" -> {
          if (key.equals("package-dir")) {
            // package-dir = {"" = "src"}: the root package directory is the value of key "".
            int empty = value.indexOf("\"\"");
            if (empty >= 0) {
              List<String> after = quoted(value.substring(empty + 2));
              if (!after.isEmpty()) {
                roots.add(after.get(0));
              }
            }
          }
        }
        case "[tool.setuptools.package-dir]" -> {
          if (key.equals("\"\"")) {
            roots.addAll(quoted(value));
          }
        }
        case "[tool.poetry]", "[tool.hatch.build]" -> {
          int from = line.indexOf("from");
          if (key.equals("packages") && from >= 0) {
            List<String> after = quoted(line.substring(from));
            if (!after.isEmpty()) {
              roots.add(after.get(0));
            }
          }
        }
        default -> {}
      }
    }
    return roots;
  }

  private static List<String> fromSetupCfg(Path file) {
    List<String> roots = new ArrayList<>();
    String section = "";
    boolean inPackageDir = false;
    for (String raw : lines(file)) {
      String line = stripComment(raw);
      String trimmed = line.strip();
      if (trimmed.startsWith("[")) {
        section = trimmed;
        inPackageDir = false;
        continue;
      }
      boolean continuation = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
      if (section.equals("[options]")) {
        if (!continuation && trimmed.startsWith("package_dir")) {
          inPackageDir = true;
          String value = trimmed.substring(trimmed.indexOf('=') + 1).strip();
          addPackageDir(value, roots);
        } else if (continuation && inPackageDir) {
          addPackageDir(trimmed, roots);
        } else if (!continuation) {
          inPackageDir = false;
        }
      } else if (section.equals("[options.packages.find]") && trimmed.startsWith("where")) {
        roots.add(trimmed.substring(trimmed.indexOf('=') + 1).strip());
      }
    }
    return roots;
  }

  /** {@code =src} maps the root package to src. */
  private static void addPackageDir(String value, List<String> roots) {
    if (value.startsWith("=")) {
      roots.add(value.substring(1).strip());
    }
  }

  private static List<String> quoted(String value) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '"' || c == '\'') {
        int close = value.indexOf(c, i + 1);
        if (close < 0) {
          break;
        }
        out.add(value.substring(i + 1, close));
        i = close + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static List<String> lines(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
