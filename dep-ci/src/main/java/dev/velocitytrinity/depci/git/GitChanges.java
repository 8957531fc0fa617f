package dev.velocitytrinity.depci.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the {@code git} executable which files changed since a ref: everything between {@code
 * merge-base REF HEAD} and the working tree (committed, staged, unstaged), plus untracked files
 * that are not ignored. Shelling out keeps dep-ci free of a git library and matches exactly what
 * the user's git sees (config, attributes, ignore rules).
 */
public final class GitChanges {

  private final String executable;

  public GitChanges(String executable) {
    this.executable = executable;
  }

  public ChangedFiles since(Path root, String ref) throws GitException, InterruptedException {
    if (ref.isBlank() || ref.startsWith("-")) {
      throw new GitException("invalid git ref '" + ref + "'", false, null);
    }
    Path top = Path.of(run(root, "rev-parse", "--show-toplevel").strip()).toAbsolutePath();
    String base = run(root, "merge-base", ref, "HEAD").strip();
    Set<String> changed = new HashSet<>();
    Set<String> deleted = new HashSet<>();
    // diff paths are relative to the top level, whatever the working directory.
    List<String> fields = split(run(root, "diff", "--name-status", "-z", "-M", base, "--"));
    for (int i = 0; i < fields.size(); i++) {
      String status = fields.get(i);
      if (status.isEmpty()) {
        continue;
      }
      char code = status.charAt(0);
      if (code == 'R' || code == 'C') {
        String from = fields.get(++i);
        String to = fields.get(++i);
        if (code == 'R') {
          deleted.add(from);
        }
        changed.add(to);
      } else if (code == 'D') {
        deleted.add(fields.get(++i));
      } else {
        changed.add(fields.get(++i));
      }
    }
    // ls-files paths are relative to the working directory, which is the root.
    Path rootReal;
    try {
      rootReal = root.toRealPath();
      top = top.toRealPath();
    } catch (IOException e) {
      throw new GitException("cannot read " + root + ": " + e.getMessage(), false, e);
    }
    String prefix = top.relativize(rootReal).toString().replace('\\', '/');
    Set<String> untracked = new HashSet<>();
    for (String path :
        split(run(root, "ls-files", "--others", "--exclude-standard", "-z", "--full-name"))) {
      if (!path.isEmpty()) {
        untracked.add(path);
      }
    }
    return new ChangedFiles(
        underRoot(prefix, union(changed, untracked)), underRoot(prefix, deleted));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Set<String> underRoot(String prefix, Set<String> topRelative) {
    Set<String> out = new HashSet<>();
    for (String path : topRelative) {
      if (prefix.isEmpty()) {
        out.add(path);
      } else if (path.startsWith(prefix + "/")) {
        out.add(path.substring(prefix.length() + 1));
      }
    }
    return out;
  }

  private static List<String> split(String nulSeparated) {
    List<String> out = new ArrayList<>();
    for (String part : nulSeparated.split("\0", -1)) {
      out.add(part);
    }
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private String run(Path dir, String... args) throws GitException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new GitException(
          "cannot run '" + executable + "' (is git installed and on PATH?)", true, e);
    }
    closeQuietly(process);
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    byte[] stdout = drain(process.getInputStream());
    int code = process.waitFor();
    if (code != 0) {
      String message = new String(stderr.join(), StandardCharsets.UTF_8).strip();
      String firstLine = message.lines().findFirst().orElse("exit " + code);
      throw new GitException(
          "git " + args[0] + " failed: " + firstLine.replaceFirst("^fatal: ", ""), false, null);
    }
    return new String(stdout, StandardCharsets.UTF_8);
  }

  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // git reads no input; a stdin that cannot be closed changes nothing.
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
