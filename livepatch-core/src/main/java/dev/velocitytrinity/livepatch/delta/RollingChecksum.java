package dev.velocitytrinity.livepatch.delta;

/**
 * rsync's weak checksum: {@code a = Σ x_i}, {@code b = Σ (L - i) x_i}, both mod 2^16, packed as
 * {@code b << 16 | a}. Sliding the window by one byte costs O(1).
 */
final class RollingChecksum {

  private final int length;
  private int a;
  private int b;

  private RollingChecksum(int length, int a, int b) {
    this.length = length;
    this.a = a;
    this.b = b;
  }

  static RollingChecksum of(byte[] data, int offset, int length) {
    int a = 0;
    int b = 0;
    for (int i = 0; i < length; i++) {
      int x = data[offset + i] & 0xff;
      a += x;
      b += (length - i) * x;
    }
    return new RollingChecksum(length, a & 0xffff, b & 0xffff);
  }

  static int compute(byte[] data, int offset, int length) {
    return of(data, offset, length).value();
  }

  /** Slides the window: {@code out} leaves at the front, {@code in} enters at the back. */
  void roll(byte out, byte in) {
    int o = out & 0xff;
    a = (a - o + (in & 0xff)) & 0xffff;
    b = (b - length * o + a) & 0xffff;
  }

  int value() {
    return (b << 16) | a;
  }
}
