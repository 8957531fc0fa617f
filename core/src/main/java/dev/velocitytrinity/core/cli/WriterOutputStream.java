package dev.velocitytrinity.core.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Lets logback's byte-oriented appender write to a command's error writer. */
final class WriterOutputStream extends OutputStream {

  private final PrintWriter writer;

  WriterOutputStream(PrintWriter writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  // The scrubbing encoder hands over whole events, so multi-byte characters are never split.
  @Override
  public void write(byte[] b, int off, int len) {
    writer.write(new String(b, off, len, StandardCharsets.UTF_8));
  }

  @Override
  public void flush() {
    writer.flush();
  }
}
