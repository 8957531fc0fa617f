package dev.velocitytrinity.livepatch.protocol;

import dev.velocitytrinity.proto.livepatch.v1.SignatureRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the paths a sync needs signatures for into requests of at most {@link
 * Protocol#SIGNATURE_REQUEST_BYTES} of path text each: an agent takes small messages only (it reads
 * several ahead), and a sync of many changed large files names them all.
 */
public final class SignatureRequests {

  private SignatureRequests() {}

  public static List<SignatureRequest> of(List<String> paths) {
    return of(paths, Protocol.SIGNATURE_REQUEST_BYTES);
  }

  static List<SignatureRequest> of(List<String> paths, int maxBytes) {
    List<SignatureRequest> requests = new ArrayList<>();
    SignatureRequest.Builder request = SignatureRequest.newBuilder();
    long bytes = 0;
    for (String path : paths) {
      // At most 3 bytes of UTF-8 per char, and a few of framing.
      long size = 3L * path.length() + 4;
      if (request.getPathsCount() > 0 && bytes + size > maxBytes) {
        requests.add(request.build());
        request = SignatureRequest.newBuilder();
        bytes = 0;
      }
      request.addPaths(path);
      bytes += size;
    }
    if (request.getPathsCount() > 0) {
      requests.add(request.build());
    }
    return requests;
  }
}
