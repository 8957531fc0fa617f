package dev.velocitytrinity.livepatch.tree;

/** A path that could write outside the tree: absolute, {@code ..}, NUL, or through a symlink. */
public final class UnsafePathException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsafePathException(String message) {
    super(message);
  }
}
