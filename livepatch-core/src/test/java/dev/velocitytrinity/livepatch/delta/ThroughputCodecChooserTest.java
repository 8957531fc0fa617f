package dev.velocitytrinity.livepatch.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputCodecChooserTest {

  private static final int LITERAL = 64 * 1024;
  private static final int PER_WINDOW = (int) (ThroughputCodecChooser.WINDOW / LITERAL);

  /** A link: how fast it carries bytes, and how many its buffers take before the sender waits. */
  private record Link(double bytesPerNano, long buffered) {}

  private static final Link FAST = new Link(2.0, 8L << 20); // 2 GB/s: loopback, a fast LAN
  private static final Link SLOW = new Link(0.03, 10L << 20); // 30 MB/s: a port-forward, a VPN

  /** Fast enough for zstd, which the CPU limits, but not for lz4's twice as many bytes. */
  private static final Link MIDDLING = new Link(0.1, 10L << 20);

  /**
   * A sender that compresses each literal (lz4 1.8 ns a byte, zstd 3.9; lz4 sends 52% of the bytes,
   * zstd 23%) and hands it to a link that drains its buffers at the link's rate, waiting when they
   * are full, on a simulated clock.
   */
  private static final class SimulatedSync {
    private long now;
    private double inBuffers;
    private final ThroughputCodecChooser chooser = new ThroughputCodecChooser(() -> now);
    private final List<LiteralCodec> chosen = new ArrayList<>();

    SimulatedSync send(long bytes, Link link) {
      for (long sent = 0; sent < bytes; sent += LITERAL) {
        LiteralCodec codec = chooser.next(LITERAL);
        chosen.add(codec);
        double cpu = (codec == LiteralCodec.LZ4 ? 1.8 : 3.9) * LITERAL;
        elapse(cpu, link);
        int wire = (int) ((codec == LiteralCodec.LZ4 ? 0.52 : 0.23) * LITERAL);
        chooser.encoded(wire);
        double over = inBuffers + wire - link.buffered();
        if (over > 0) {
          chooser.senderWaited();
          elapse(over / link.bytesPerNano(), link);
        }
        inBuffers += wire;
      }
      return this;
    }

    SimulatedSync sendWindows(int windows, Link link) {
      return send(windows * ThroughputCodecChooser.WINDOW, link);
    }

    private void elapse(double nanos, Link link) {
      now += (long) nanos;
      inBuffers = Math.max(0, inBuffers - nanos * link.bytesPerNano());
    }

    /**
     * The codec of each window after the small part, as a letter (L for lz4, Z for zstd), checking
     * that a window's literals all share one codec.
     */
    String windows() {
      int small = (int) (ThroughputCodecChooser.SMALL / LITERAL);
      StringBuilder letters = new StringBuilder();
      for (int w = small; w < chosen.size(); w += PER_WINDOW) {
        List<LiteralCodec> window = chosen.subList(w, Math.min(chosen.size(), w + PER_WINDOW));
        assertThat(window).containsOnly(window.get(0));
        letters.append(window.get(0) == LiteralCodec.LZ4 ? 'L' : 'Z');
      }
      return letters.toString();
    }
  }

  /** The windows of a 4 MiB + 60-window sync on {@code link}, as {@link SimulatedSync#windows}. */
  private static String windowsOn(Link link) {
    return new SimulatedSync()
        .send(ThroughputCodecChooser.SMALL, link)
        .sendWindows(60, link)
        .windows();
  }

  private static long count(String windows, char codec) {
    return windows.chars().filter(c -> c == codec).count();
  }

  @Test
  void next_smallChangeSet_isAllZstdAndNeverReadsTheClock() {
    ThroughputCodecChooser chooser =
        new ThroughputCodecChooser(
            () -> {
              throw new AssertionError("clock read for a small change set");
            });

    for (long sent = 0; sent < ThroughputCodecChooser.SMALL; sent += LITERAL) {
      assertThat(chooser.next(LITERAL)).isEqualTo(LiteralCodec.ZSTD);
    }
  }

  @Test
  void next_fastLink_settlesOnLz4AndRevisitsZstdEverLessOften() {
    String windows = windowsOn(FAST);

    // zstd until more bytes have gone than the buffers hold (before that a window that never
    // waited may just have filled them), then lz4, whose first window after zstd does not count
    // (it might be filling them again); lz4 wins, and zstd gets two windows again (the same way)
    // after 8 and 16 windows that count.
    assertThat(windows)
        .isEqualTo("ZZZ" + "LL" + "L".repeat(7) + "ZZ" + "L".repeat(17) + "ZZ" + "L".repeat(27));
  }

  @Test
  void next_slowLink_settlesOnZstd_withoutTrustingTheBuffersWhileTheyFill() {
    String windows = windowsOn(SLOW);

    // While the buffers fill, lz4 looks faster than the link is: had that counted, lz4 would have
    // been kept. Its first window after zstd waited after one that did not, so it is run again
    // (LL), and loses; with the buffers full from then on, each later revisit takes one window.
    assertThat(windows).startsWith("ZZZLLZ");
    assertThat(windows.substring(5)).doesNotContain("LL");
    assertThat(windows)
        .isEqualTo("ZZZLL" + "Z".repeat(8) + "L" + "Z".repeat(16) + "L" + "Z".repeat(29));
  }

  @Test
  void next_linkFastForZstdOnly_keepsZstd_andRetriesAnLz4WindowTheBuffersAbsorbed() {
    String windows = windowsOn(MIDDLING);

    // zstd never waits here and lz4 does: each time lz4 is tried, its first window does not count
    // (the codec changed), its second waits after one that did not (the buffers were filling),
    // and its third counts and loses; zstd's first window after lz4 does not count either. The
    // wait before the next try doubles.
    assertThat(windows)
        .isEqualTo("ZZZ" + "LLL" + "Z".repeat(9) + "LLL" + "Z".repeat(17) + "LLL" + "Z".repeat(22));
  }

  @Test
  void next_linkSlowsDownMidSync_switchesToZstd() {
    SimulatedSync sync =
        new SimulatedSync().send(ThroughputCodecChooser.SMALL, FAST).sendWindows(20, FAST);
    assertThat(sync.windows()).endsWith("LLLLL");

    sync.sendWindows(30, SLOW);

    // lz4 goes on until a window of it that waited counts (the first one, absorbed by buffers
    // the fast link had kept empty, looks fast), then zstd, with single lz4 windows to revisit.
    String slow = sync.windows().substring(20);
    assertThat(slow).startsWith("LLLZ");
    assertThat(slow.substring(3)).doesNotContain("LL");
    assertThat(count(slow.substring(3), 'L')).isLessThanOrEqualTo(2);
  }
}
