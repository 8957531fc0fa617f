package dev.velocitytrinity.depci.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import java.util.List;
import org.hibernate.validator.constraints.Range;

/** dep-ci's settings; field initialisers are the defaults. */
public final class DepCiConfig {

  public static final ConfigSchema<DepCiConfig> SCHEMA =
      ConfigSchema.of("dep-ci", DepCiConfig.class);

  @Doc("Import analysis.")
  Analyze analyze = new Analyze();

  public Analyze analyze() {
    return analyze;
  }

  /** The {@code analyze.*} settings. */
  public static final class Analyze {
    @Doc("Parser threads; 0 means one per CPU core.")
    @Range(min = 0, max = 256)
    int workers = 0;

    @Doc("Directories to scan, relative to the repository root.")
    List<String> roots = List.of(".");

    @Doc("Globs of source files to analyse; empty means every supported source file.")
    List<String> include = List.of();

    @Doc("Globs of files and directories to skip, on top of .gitignore.")
    List<String> exclude = List.of();

    @Doc("Honour .gitignore files.")
    boolean gitignore = true;

    @Doc("Languages to analyse: typescript, javascript, python.")
    List<String> languages = List.of("typescript", "javascript", "python");

    @Doc("Import aliases as PATTERN=TARGET relative to the root, e.g. @app/*=src/app/*.")
    List<String> aliases = List.of();

    @Doc("Python source roots relative to the repository root; empty means detect them.")
    List<String> pythonSourceRoots = List.of();

    @Doc("Cache extracted imports by content hash under .dep-ci/cache/.")
    boolean cache = true;

    public int workers() {
      return workers;
    }

    public List<String> roots() {
      return roots;
    }

    public List<String> include() {
      return include;
    }

    public List<String> exclude() {
      return exclude;
    }

    public boolean gitignore() {
      return gitignore;
    }

    public List<String> languages() {
      return languages;
    }

    public List<String> aliases() {
      return aliases;
    }

    public List<String> pythonSourceRoots() {
      return pythonSourceRoots;
    }

    public boolean cache() {
      return cache;
    }
  }
}
