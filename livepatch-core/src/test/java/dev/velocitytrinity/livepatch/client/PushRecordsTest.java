package dev.velocitytrinity.livepatch.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.livepatch.tree.TreeEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushRecordsTest {

  @TempDir Path dir;

  @Test
  void save_thenLoad_roundTripsEntriesWithAwkwardNames() throws Exception {
    PushRecords records = new PushRecords(dir.resolve("records"));
    Path local = dir.resolve("src");
    PushRecord record =
        new PushRecord(
            "127.0.0.1:7443",
            "app",
            local.toString(),
            "root-1",
            "abcd",
            List.of(
                TreeEntry.file("tab\there/new\nline.txt", 12, 0755, 1234, "00ff"),
                TreeEntry.directory("dir", 0700),
                TreeEntry.symlink("link", "dir\\tar\\tget")));

    records.save(record);

    assertThat(records.load("127.0.0.1:7443", "app", local)).contains(record);
    assertThat(records.load("127.0.0.1:7443", "other", local)).isEmpty();
  }

  @Test
  void load_corruptFile_isTreatedAsAbsent() throws Exception {
    PushRecords records = new PushRecords(dir);
    Path local = dir.resolve("src");
    records.save(new PushRecord("a:1", "", local.toString(), "r", "h", List.of()));
    try (var files = Files.list(dir)) {
      Files.writeString(files.findFirst().orElseThrow(), "garbage");
    }

    assertThat(records.load("a:1", "", local)).isEmpty();
  }
}
