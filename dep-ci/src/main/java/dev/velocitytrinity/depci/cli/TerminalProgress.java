package dev.velocitytrinity.depci.cli;

import dev.velocitytrinity.depci.analysis.ProgressListener;
import java.io.PrintWriter;

/**
 * A one-line progress counter on stderr for big repositories. Only used when a terminal is
 * attached, so logs and pipes never see carriage returns.
 */
final class TerminalProgress implements ProgressListener {

  static final int THRESHOLD_FILES = 2_000;

  private final PrintWriter err;
  private int lastPercent = -1;
  private boolean shown;

  TerminalProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void started(int totalFiles) {
    shown = totalFiles > THRESHOLD_FILES;
  }

  @Override
  public synchronized void advanced(int done, int totalFiles) {
    if (!shown) {
      return;
    }
    int percent = (int) (100L * done / totalFiles);
    if (percent != lastPercent) {
      lastPercent = percent;
      err.print("\rdep-ci: parsing " + done + "/" + totalFiles + " files (" + percent + "%)");
      err.flush();
    }
  }

  @Override
  public synchronized void finished() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
