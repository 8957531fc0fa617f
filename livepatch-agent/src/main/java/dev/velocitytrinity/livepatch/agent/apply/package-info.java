/**
 * Writes change sets into the agent's root: path safety (no {@code ..}, absolute paths, NUL or
 * symlink escapes), staging on the same file system with fsync, file-by-file renames that keep the
 * previous versions for undo, rollback of a failed set, limits, and the per-root lock.
 */
package dev.velocitytrinity.livepatch.agent.apply;
