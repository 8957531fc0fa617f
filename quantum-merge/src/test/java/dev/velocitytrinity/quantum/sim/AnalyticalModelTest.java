package dev.velocitytrinity.quantum.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.velocitytrinity.quantum.queue.Strategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalyticalModelTest {

  private static SimulationParams params(Strategy strategy, double pFail, double spread) {
    return new SimulationParams(
        500, 0, Duration.ofMinutes(10), spread, pFail, 0, 8, strategy, 8, 4, 1, false);
  }

  @Test
  void serial_oneBuildPerPr_mergesFractionOfSixPerHour() {
    assertThat(AnalyticalModel.throughputPerHour(params(Strategy.SERIAL, 0.1, 0.2)).getAsDouble())
        .isCloseTo(5.4, within(1e-9));
  }

  @Test
  void speculative_noFailuresNoSpread_mergesWholeWindowPerBuildTime() {
    assertThat(AnalyticalModel.throughputPerHour(params(Strategy.SPECULATIVE, 0, 0)).getAsDouble())
        .isCloseTo(48, within(1e-9));
  }

  @Test
  void speculative_tenPercentFailures_isFiveTimesSerialOrMore() {
    double serial =
        AnalyticalModel.throughputPerHour(params(Strategy.SERIAL, 0.1, 0.2)).getAsDouble();
    double speculative =
        AnalyticalModel.throughputPerHour(params(Strategy.SPECULATIVE, 0.1, 0.2)).getAsDouble();

    assertThat(speculative / serial).isGreaterThan(5);
    assertThat(AnalyticalModel.throughputPerHour(params(Strategy.BATCH, 0.1, 0.2))).isEmpty();
  }

  @Test
  void buildMinutesPerMerged_serialAndSpeculative_matchClosedForms() {
    assertThat(
            AnalyticalModel.buildMinutesPerMerged(params(Strategy.SERIAL, 0.1, 0.2)).getAsDouble())
        .isCloseTo(10 / 0.9, within(1e-9));
    double perRound = 0.9 * (1 - Math.pow(0.9, 8)) / 0.1;
    assertThat(
            AnalyticalModel.buildMinutesPerMerged(params(Strategy.SPECULATIVE, 0.1, 0.2))
                .getAsDouble())
        .isCloseTo(80 / perRound, within(1e-9));
  }
}
