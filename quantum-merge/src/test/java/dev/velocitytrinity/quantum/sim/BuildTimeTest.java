package dev.velocitytrinity.quantum.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildTimeTest {

  @Test
  void parse_meanAndSpread_bothForms() {
    assertThat(BuildTime.parse("10m±20%")).isEqualTo(new BuildTime(Duration.ofMinutes(10), 0.2));
    assertThat(BuildTime.parse("90s+-10%")).isEqualTo(new BuildTime(Duration.ofSeconds(90), 0.1));
    assertThat(BuildTime.parse("5s")).isEqualTo(new BuildTime(Duration.ofSeconds(5), 0));
    assertThat(BuildTime.parse("10m±20%")).hasToString("10m±20%");
  }

  @Test
  void parse_garbage_isRejectedWithExample() {
    assertThatThrownBy(() -> BuildTime.parse("fast"))
        .hasMessage("invalid build time 'fast': expected MEAN[±SPREAD%], e.g. 10m±20% or 90s");
    assertThatThrownBy(() -> BuildTime.parse("10m±100%")).hasMessageContaining("below 100%");
  }
}
