/**
 * Snapshots of a directory tree (path, kind, size, mode, mtime, content hash), the ignore rules the
 * client honours, the tree hash both ends compute the same way, and the difference between two
 * snapshots as a change set.
 */
package dev.velocitytrinity.livepatch.tree;
