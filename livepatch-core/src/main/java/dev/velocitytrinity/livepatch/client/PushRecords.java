package dev.velocitytrinity.livepatch.client;

import dev.velocitytrinity.core.io.AtomicFiles;
import dev.velocitytrinity.livepatch.tree.EntryKind;
import dev.velocitytrinity.livepatch.tree.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push records on disk, one file per (agent, destination, local directory). The format is a small
 * tab-separated text file rather than JSON: it is read on every sync, and a JSON mapper's start-up
 * cost more than the rest of a no-change sync. A record that cannot be read is treated as absent:
 * the next sync falls back to a full compare.
 */
public final class PushRecords {

  private static final Logger LOG = LoggerFactory.getLogger(PushRecords.class);
  private static final String MAGIC = "livepatch-push-record v1";

  private final Path dir;

  public PushRecords(Path dir) {
    this.dir = dir;
  }

  public Optional<PushRecord> load(String agent, String dest, Path localDir) {
    Path file = file(agent, dest, localDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring unreadable push record {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  public void save(PushRecord record) throws IOException {
    Path file = file(record.agent(), record.dest(), Path.of(record.localDir()));
    StringBuilder text = new StringBuilder(64 + record.entries().size() * 96);
    text.append(MAGIC).append('\n');
    for (String header :
        List.of(
            record.agent(), record.dest(), record.localDir(), record.rootId(), record.treeHash())) {
      text.append(escape(header)).append('\n');
    }
    for (TreeEntry e : record.entries()) {
      text.append(escape(e.path()))
          .append('\t')
          .append(e.kind().name())
          .append('\t')
          .append(e.size())
          .append('\t')
          .append(Integer.toOctalString(e.mode()))
          .append('\t')
          .append(e.mtimeMillis())
          .append('\t')
          .append(e.contentHash())
          .append('\t')
          .append(escape(e.linkTarget()))
          .append('\n');
    }
    AtomicFiles.writeString(file, text.toString());
  }

  public void delete(String agent, String dest, Path localDir) throws IOException {
    Files.deleteIfExists(file(agent, dest, localDir));
  }

  private static PushRecord parse(List<String> lines) {
    if (lines.size() < 6 || !lines.get(0).equals(MAGIC)) {
      throw new IllegalArgumentException("not a push record");
    }
    List<TreeEntry> entries = new ArrayList<>(lines.size() - 6);
    for (String line : lines.subList(6, lines.size())) {
      String[] f = line.split("\t", -1);
      if (f.length != 7) {
        throw new IllegalArgumentException("malformed entry");
      }
      entries.add(
          new TreeEntry(
              unescape(f[0]),
              EntryKind.valueOf(f[1]),
              Long.parseLong(f[2]),
              Integer.parseInt(f[3], 8),
              Long.parseLong(f[4]),
              f[5],
              unescape(f[6])));
    }
    return new PushRecord(
        unescape(lines.get(1)),
        unescape(lines.get(2)),
        unescape(lines.get(3)),
        unescape(lines.get(4)),
        unescape(lines.get(5)),
        entries);
  }

  /** Tabs, newlines and backslashes in names would break the line format. */
  static String escape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(
            switch (next) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> next;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private Path file(String agent, String dest, Path localDir) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String key = agent + '\0' + dest + '\0' + localDir.toAbsolutePath().normalize();
      byte[] hash = digest.digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(hash, 0, 16) + ".record");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
