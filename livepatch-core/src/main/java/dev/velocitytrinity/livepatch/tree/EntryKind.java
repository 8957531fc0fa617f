package dev.velocitytrinity.livepatch.tree;

/** What a tree entry is. */
public enum EntryKind {
  FILE,
  DIRECTORY,
  SYMLINK
}
