package dev.velocitytrinity.livepatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.proto.livepatch.v1.SignatureRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SignatureRequestsTest {

  @Test
  void of_manyPaths_splitsIntoRequestsUnderTheLimitKeepingEveryPathInOrder() {
    List<String> paths =
        IntStream.range(0, 50_000)
            .mapToObj(i -> "src/module" + i % 97 + "/file" + i + ".ts")
            .toList();

    List<SignatureRequest> requests = SignatureRequests.of(paths);

    assertThat(requests).hasSizeGreaterThan(1);
    List<String> joined = new ArrayList<>();
    for (SignatureRequest request : requests) {
      assertThat(request.getSerializedSize()).isLessThanOrEqualTo(Protocol.SIGNATURE_REQUEST_BYTES);
      joined.addAll(request.getPathsList());
    }
    assertThat(joined).isEqualTo(paths);
  }

  @Test
  void of_nonAsciiPaths_staysUnderTheLimitInBytes() {
    List<String> paths = IntStream.range(0, 100).mapToObj(i -> "日本語/ファイル" + i).toList();

    for (SignatureRequest request : SignatureRequests.of(paths, 1000)) {
      assertThat(request.getSerializedSize()).isLessThanOrEqualTo(1000);
    }
  }

  @Test
  void of_fewPaths_isOneRequest_andNoneIsNone() {
    List<SignatureRequest> requests = SignatureRequests.of(List.of("a.txt", "b.txt"));
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getPathsList()).containsExactly("a.txt", "b.txt");
    assertThat(SignatureRequests.of(List.of())).isEmpty();
  }
}
