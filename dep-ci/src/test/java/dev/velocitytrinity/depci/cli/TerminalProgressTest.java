package dev.velocitytrinity.depci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

  @Test
  void advanced_smallRepository_printsNothing() {
    StringWriter err = new StringWriter();
    TerminalProgress progress = new TerminalProgress(new PrintWriter(err));

    progress.started(TerminalProgress.THRESHOLD_FILES);
    progress.advanced(1, TerminalProgress.THRESHOLD_FILES);
    progress.finished();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void advanced_largeRepository_printsOnePercentLineAtATimeThenClears() {
    StringWriter err = new StringWriter();
    TerminalProgress progress = new TerminalProgress(new PrintWriter(err));

    progress.started(4_000);
    progress.advanced(40, 4_000);
    progress.advanced(41, 4_000); // still 1%: no new line
    progress.advanced(4_000, 4_000);
    progress.finished();

    assertThat(err.toString())
        .isEqualTo(
            "\rdep-ci: parsing 40/4000 files (1%)"
                + "\rdep-ci: parsing 4000/4000 files (100%)"
                + "\r\033[K");
  }
}
