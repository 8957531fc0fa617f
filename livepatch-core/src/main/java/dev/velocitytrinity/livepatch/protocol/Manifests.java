package dev.velocitytrinity.livepatch.protocol;

import com.google.protobuf.ByteString;
import dev.velocitytrinity.livepatch.tree.EntryKind;
import dev.velocitytrinity.livepatch.tree.TreeEntry;
import dev.velocitytrinity.proto.livepatch.v1.ManifestEntry;
import java.util.HexFormat;

/** Tree entries to and from manifest messages. */
public final class Manifests {

  private static final HexFormat HEX = HexFormat.of();

  private Manifests() {}

  public static ManifestEntry toProto(TreeEntry e) {
    return ManifestEntry.newBuilder()
        .setPath(e.path())
        .setKind(toProto(e.kind()))
        .setSize(e.size())
        .setMode(e.mode())
        .setMtimeMillis(e.mtimeMillis())
        .setContentHash(ByteString.copyFrom(HEX.parseHex(e.contentHash())))
        .setLinkTarget(e.linkTarget())
        .build();
  }

  /** Throws {@link dev.velocitytrinity.livepatch.tree.UnsafePathException} for a bad path. */
  public static TreeEntry fromProto(ManifestEntry m) {
    return new TreeEntry(
        m.getPath(),
        fromProto(m.getKind()),
        m.getSize(),
        m.getMode(),
        m.getMtimeMillis(),
        HEX.formatHex(m.getContentHash().toByteArray()),
        m.getLinkTarget());
  }

  public static dev.velocitytrinity.proto.livepatch.v1.EntryKind toProto(EntryKind kind) {
    return switch (kind) {
      case FILE -> dev.velocitytrinity.proto.livepatch.v1.EntryKind.FILE;
      case DIRECTORY -> dev.velocitytrinity.proto.livepatch.v1.EntryKind.DIRECTORY;
      case SYMLINK -> dev.velocitytrinity.proto.livepatch.v1.EntryKind.SYMLINK;
    };
  }

  public static EntryKind fromProto(dev.velocitytrinity.proto.livepatch.v1.EntryKind kind) {
    return switch (kind) {
      case FILE -> EntryKind.FILE;
      case DIRECTORY -> EntryKind.DIRECTORY;
      case SYMLINK -> EntryKind.SYMLINK;
      default -> throw new IllegalArgumentException("unknown entry kind " + kind);
    };
  }
}
