package dev.velocitytrinity.depci.resolve;

import java.util.List;
import java.util.Objects;

/** What an import resolved to. */
public sealed interface Resolution {

  /**
   * Files in the repository; several for a Python import, which also depends on every package
   * {@code __init__.py} on its path. Empty for a namespace package, which has no file.
   */
  record Resolved(List<String> targets) implements Resolution {
    public Resolved {
      targets = List.copyOf(targets);
    }
  }

  /** A package outside the repository, by name ({@code zod}, {@code @org/pkg}, {@code os}). */
  record External(String packageName) implements Resolution {
    public External {
      Objects.requireNonNull(packageName, "packageName");
    }
  }

  /**
   * Names a file in the repository that is not there.
   *
   * @param relative a relative import (always a bug), as opposed to an alias that matched
   * @param reason what was tried
   */
  record Unresolved(boolean relative, String reason) implements Resolution {
    public Unresolved {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static Resolution resolved(String target) {
    return new Resolved(List.of(target));
  }
}
