package dev.velocitytrinity.depci.parse;

import java.util.Locale;
import java.util.Optional;

/** The languages dep-ci parses, chosen by file name. */
public enum SourceLanguage {
  TYPESCRIPT("typescript"),
  JAVASCRIPT("javascript"),
  PYTHON("python");

  private final String label;

  SourceLanguage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The language of a file by its extension; empty for files dep-ci does not parse. */
  public static Optional<SourceLanguage> ofFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return switch (name.substring(dot + 1)) {
      case "ts", "tsx", "mts", "cts" -> Optional.of(TYPESCRIPT);
      case "js", "jsx", "mjs", "cjs" -> Optional.of(JAVASCRIPT);
      case "py", "pyi" -> Optional.of(PYTHON);
      default -> Optional.empty();
    };
  }

  public static Optional<SourceLanguage> ofLabel(String label) {
    for (SourceLanguage language : values()) {
      if (language.label.equals(label)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
