package dev.velocitytrinity.livepatch.protocol;

import dev.velocitytrinity.livepatch.delta.Signature;
import dev.velocitytrinity.proto.livepatch.v1.FileSignature;
import java.util.ArrayList;
import java.util.List;

/** Splits a signature into messages and joins them back, checking the pieces fit. */
public final class SignaturePages {

  private SignaturePages() {}

  public static List<FileSignature> split(String path, Signature signature) {
    List<FileSignature> pages = new ArrayList<>();
    int n = signature.blockCount();
    int from = 0;
    do {
      int to = Math.min(n, from + Protocol.SIGNATURE_PAGE);
      FileSignature.Builder page =
          FileSignature.newBuilder()
              .setPath(path)
              .setBlockSize(signature.blockSize())
              .setFileLength(signature.fileLength())
              .setLast(to == n);
      for (int i = from; i < to; i++) {
        page.addWeak(signature.weak()[i]);
        page.addStrongHigh(signature.strongHigh()[i]);
        page.addStrongLow(signature.strongLow()[i]);
      }
      pages.add(page.build());
      from = to;
    } while (from < n);
    return pages;
  }

  /** Collects the pages of one file's signature. */
  public static final class Assembler {
    private final List<FileSignature> pages = new ArrayList<>();

    /** Adds a page; returns the signature when this was the last page. */
    public java.util.Optional<Signature> add(FileSignature page) {
      pages.add(page);
      if (!page.getLast()) {
        return java.util.Optional.empty();
      }
      int total = pages.stream().mapToInt(FileSignature::getWeakCount).sum();
      int[] weak = new int[total];
      long[] high = new long[total];
      long[] low = new long[total];
      int at = 0;
      for (FileSignature p : pages) {
        if (p.getStrongHighCount() != p.getWeakCount()
            || p.getStrongLowCount() != p.getWeakCount()) {
          throw new IllegalArgumentException("malformed signature for " + p.getPath());
        }
        for (int i = 0; i < p.getWeakCount(); i++, at++) {
          weak[at] = p.getWeak(i);
          high[at] = p.getStrongHigh(i);
          low[at] = p.getStrongLow(i);
        }
      }
      FileSignature first = pages.get(0);
      pages.clear();
      return java.util.Optional.of(
          new Signature(first.getBlockSize(), first.getFileLength(), weak, high, low));
    }
  }
}
