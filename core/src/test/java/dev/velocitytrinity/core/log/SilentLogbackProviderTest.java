package dev.velocitytrinity.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class SilentLogbackProviderTest {

  @Test
  void initialize_dropsEverything_untilLoggingIsInstalled() {
    SilentLogbackProvider provider = new SilentLogbackProvider();
    provider.initialize();
    LoggerContext context = (LoggerContext) provider.getLoggerFactory();
    Logger log = context.getLogger("early.logger");
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    log.error("before install");
    Logging.install(
        context, new LogSettings(Level.INFO, LogFormat.TEXT), SecretScrubber.withDefaults(), sink);
    log.info("after install");

    assertThat(log.isErrorEnabled()).isTrue();
    assertThat(sink.toString(StandardCharsets.UTF_8))
        .contains("after install")
        .doesNotContain("before install");
    assertThat(provider.getMDCAdapter()).isNotNull();
    assertThat(provider.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
    assertThat(provider.getRequestedApiVersion()).startsWith("2.");
  }
}
