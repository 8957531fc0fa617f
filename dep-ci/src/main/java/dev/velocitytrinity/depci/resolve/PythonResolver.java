package dev.velocitytrinity.depci.resolve;

import dev.velocitytrinity.depci.parse.SourceImport;
import dev.velocitytrinity.depci.scan.RepoFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves Python imports against the source roots. A module import depends on the module's file
 * and on every package {@code __init__.py} on its dotted path, since Python runs each of them;
 * {@code from pkg import name} depends on the submodule {@code pkg/name.py} when there is one, else
 * on the package itself. Directories without {@code __init__.py} are namespace packages. A module
 * found in no root is external (stdlib or third party).
 */
public final class PythonResolver implements ImportResolver {

  private static final List<String> MODULE_SUFFIXES = List.of(".py", ".pyi");

  private final RepoFiles repo;
  private final Set<String> directories;
  private final List<String> roots;

  public PythonResolver(RepoFiles repo, List<String> roots) {
    this.repo = repo;
    this.directories = repo.directories();
    this.roots = List.copyOf(roots);
  }

  public List<String> roots() {
    return roots;
  }

  /** A module found on disk: the files it depends on, and its package directory if a package. */
  private record Module(List<String> files, Optional<String> packageDir) {}

  @Override
  public Resolution resolve(String from, SourceImport sourceImport) {
    String specifier = sourceImport.specifier();
    int dots = 0;
    while (dots < specifier.length() && specifier.charAt(dots) == '.') {
      dots++;
    }
    if (dots > 0) {
      return resolveRelative(from, dots, specifier.substring(dots), sourceImport.names());
    }
    List<String> segments = List.of(specifier.split("\\."));
    for (String root : roots) {
      Optional<Module> module = find(root, segments);
      if (module.isPresent()) {
        return new Resolution.Resolved(withNames(module.get(), sourceImport.names()));
      }
    }
    for (String root : roots) {
      if (find(root, segments.subList(0, 1)).isPresent()) {
        return new Resolution.Unresolved(
            false, "package " + segments.get(0) + " has no module " + specifier);
      }
    }
    return new Resolution.External(segments.get(0));
  }

  private Resolution resolveRelative(String from, int dots, String rest, List<String> names) {
    String base = RepoPaths.parent(from);
    for (int i = 1; i < dots; i++) {
      if (base.isEmpty()) {
        return new Resolution.Unresolved(true, "goes above the repository root");
      }
      base = RepoPaths.parent(base);
    }
    if (rest.isEmpty()) {
      List<String> targets = new ArrayList<>();
      String init = initOf(base);
      for (String name : names) {
        Optional<Module> sub = name.equals("*") ? Optional.empty() : find(base, List.of(name));
        if (sub.isPresent()) {
          targets.addAll(sub.get().files());
        } else if (init != null) {
          targets.add(init);
        } else {
          return new Resolution.Unresolved(
              true, "no module " + name + " in " + (base.isEmpty() ? "." : base));
        }
      }
      return new Resolution.Resolved(List.copyOf(new LinkedHashSet<>(targets)));
    }
    Optional<Module> module = find(base, List.of(rest.split("\\.")));
    if (module.isEmpty()) {
      return new Resolution.Unresolved(
          true, "no module " + rest + " in " + (base.isEmpty() ? "." : base));
    }
    return new Resolution.Resolved(withNames(module.get(), names));
  }

  /**
   * The module's files (its own and every package {@code __init__} on the way) plus, for {@code
   * from m import x}, submodule {@code x} when it exists.
   */
  private List<String> withNames(Module module, List<String> names) {
    Set<String> targets = new LinkedHashSet<>(module.files());
    if (module.packageDir().isPresent()) {
      for (String name : names) {
        if (!name.equals("*")) {
          find(module.packageDir().get(), List.of(name))
              .ifPresent(sub -> targets.addAll(sub.files()));
        }
      }
    }
    return List.copyOf(targets);
  }

  /** Looks up a dotted module under {@code base}; empty if any segment is missing. */
  private Optional<Module> find(String base, List<String> segments) {
    List<String> files = new ArrayList<>();
    String dir = base;
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.isEmpty()) {
        return Optional.empty();
      }
      String path = dir.isEmpty() ? segment : dir + "/" + segment;
      boolean last = i == segments.size() - 1;
      String init = directories.contains(path) ? initOf(path) : null;
      if (last && init == null) {
        // A regular package beats a module of the same name, a module beats a namespace package.
        for (String suffix : MODULE_SUFFIXES) {
          if (repo.isFile(path + suffix)) {
            files.add(path + suffix);
            return Optional.of(new Module(files, Optional.empty()));
          }
        }
      }
      if (!directories.contains(path)) {
        return Optional.empty();
      }
      if (init != null) {
        files.add(init);
      }
      if (last) {
        return Optional.of(new Module(files, Optional.of(path)));
      }
      dir = path;
    }
    return Optional.empty();
  }

  private String initOf(String dir) {
    for (String suffix : MODULE_SUFFIXES) {
      String init = (dir.isEmpty() ? "" : dir + "/") + "__init__" + suffix;
      if (repo.isFile(init)) {
        return init;
      }
    }
    return null;
  }
}
