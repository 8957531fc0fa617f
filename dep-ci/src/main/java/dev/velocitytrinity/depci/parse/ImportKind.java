package dev.velocitytrinity.depci.parse;

/** How a file imports another; printed by its {@link #label()} in every output format. */
public enum ImportKind {
  STATIC("static"),
  DYNAMIC("dynamic"),
  TYPE("type"),
  RE_EXPORT("re-export"),
  REQUIRE("require"),
  REFERENCE("reference");

  private final String label;

  ImportKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ImportKind ofLabel(String label) {
    for (ImportKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown import kind: " + label);
  }
}
