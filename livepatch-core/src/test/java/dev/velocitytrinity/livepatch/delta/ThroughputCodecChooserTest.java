package dev.velocitytrinity.livepatch.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ThroughputCodecChooserTest {

  private static final int LITERAL = 64 * 1024;
  private static final int PER_WINDOW = (int) (ThroughputCodecChooser.WINDOW / LITERAL);

  /**
   * A sender whose clock advances, after each literal, by what sending it with the chosen codec
   * costs per raw byte (read, compress, wait for the link).
   */
  private static final class SimulatedSync {
    private long now;
    private final ThroughputCodecChooser chooser = new ThroughputCodecChooser(() -> now);
    private final List<LiteralCodec> chosen = new ArrayList<>();

    SimulatedSync send(long bytes, ToDoubleFunction<LiteralCodec> nanosPerByte) {
      for (long sent = 0; sent < bytes; sent += LITERAL) {
        LiteralCodec codec = chooser.next(LITERAL);
        chosen.add(codec);
        now += (long) (nanosPerByte.applyAsDouble(codec) * LITERAL);
      }
      return this;
    }

    SimulatedSync sendWindows(int windows, ToDoubleFunction<LiteralCodec> nanosPerByte) {
      return send(windows * ThroughputCodecChooser.WINDOW, nanosPerByte);
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

  /** lz4 is CPU-cheap, zstd sends less than half the bytes: which wins depends on the link. */
  private static ToDoubleFunction<LiteralCodec> link(double wireNanosPerByte) {
    return codec -> {
      double cpu = codec == LiteralCodec.LZ4 ? 1.8 : 3.9;
      double wire = (codec == LiteralCodec.LZ4 ? 0.52 : 0.23) * wireNanosPerByte;
      return Math.max(cpu, wire);
    };
  }

  private static final ToDoubleFunction<LiteralCodec> FAST_LINK = link(0.5);
  private static final ToDoubleFunction<LiteralCodec> SLOW_LINK = link(40);

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
    SimulatedSync sync = new SimulatedSync().send(ThroughputCodecChooser.SMALL, FAST_LINK);

    sync.sendWindows(60, FAST_LINK);

    // An untimed lz4 window, zstd and lz4 timed, then lz4 with zstd again after 8, 16, 32 windows.
    assertThat(sync.windows())
        .isEqualTo("LZL" + "L".repeat(7) + "Z" + "L".repeat(16) + "Z" + "L".repeat(32));
  }

  @Test
  void next_slowLink_settlesOnZstdAndRevisitsLz4EverLessOften() {
    SimulatedSync sync = new SimulatedSync().send(ThroughputCodecChooser.SMALL, SLOW_LINK);

    sync.sendWindows(60, SLOW_LINK);

    assertThat(sync.windows())
        .isEqualTo("LZL" + "Z".repeat(8) + "L" + "Z".repeat(16) + "L" + "Z".repeat(31));
  }

  @Test
  void next_linkSlowsDownMidSync_switchesToZstdAndRevisitsSoonAgain() {
    SimulatedSync sync = new SimulatedSync().send(ThroughputCodecChooser.SMALL, FAST_LINK);
    sync.sendWindows(26, FAST_LINK);
    assertThat(sync.windows()).isEqualTo("LZL" + "L".repeat(7) + "Z" + "L".repeat(15));

    sync.sendWindows(20, SLOW_LINK);

    // lz4's next window is slow: zstd (timed when the link was fast) wins from then on, and the
    // revisit interval starts over from 8.
    assertThat(sync.windows().substring(26)).isEqualTo("L" + "Z".repeat(8) + "L" + "Z".repeat(10));
  }
}
