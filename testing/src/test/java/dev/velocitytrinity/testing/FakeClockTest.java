package dev.velocitytrinity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  @Test
  void advance_movesOnlyWhenTold() {
    FakeClock clock = FakeClock.atEpochOfTests();
    Instant start = clock.instant();

    clock.advance(Duration.ofMinutes(5));

    assertThat(clock.instant()).isEqualTo(start.plusSeconds(300));
    assertThat(clock.millis()).isEqualTo(start.plusSeconds(300).toEpochMilli());
  }

  @Test
  void advance_negative_isRejected() {
    FakeClock clock = FakeClock.atEpochOfTests();

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withZone_sharesTime() {
    FakeClock clock = FakeClock.atEpochOfTests();
    var paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));

    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }
}
