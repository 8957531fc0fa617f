package dev.velocitytrinity.quantum.queue;

import java.util.regex.Pattern;

/** One queue: a repository and the branch its entries merge into. */
public record QueueKey(String repo, String branch) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/-]{1,200}");

  public QueueKey {
    if (repo == null || !NAME.matcher(repo).matches()) {
      throw new IllegalArgumentException("invalid repository name: " + repo);
    }
    if (branch == null || !NAME.matcher(branch).matches()) {
      throw new IllegalArgumentException("invalid branch name: " + branch);
    }
  }

  /** Parses {@code owner/repo:branch}; the branch defaults to {@code main}. */
  public static QueueKey parse(String text) {
    int colon = text.lastIndexOf(':');
    return colon < 0
        ? new QueueKey(text, "main")
        : new QueueKey(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return repo + ":" + branch;
  }
}
