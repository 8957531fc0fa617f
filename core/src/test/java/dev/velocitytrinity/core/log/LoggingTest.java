package dev.velocitytrinity.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class LoggingTest {

  private static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
  private static final String CONFIGURED = "not-a-pattern-at-all";

  private final LoggerContext context = newContext();
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

  private static LoggerContext newContext() {
    LoggerContext context = new LoggerContext();
    // Share the process's MDC so MDC.put in a test reaches this context's events.
    context.setMDCAdapter(MDC.getMDCAdapter());
    return context;
  }

  private Logger install(LogFormat format) {
    SecretScrubber scrubber = SecretScrubber.withDefaults().withExactValues(List.of(CONFIGURED));
    Logging.install(context, new LogSettings(Level.DEBUG, format), scrubber, sink);
    return context.getLogger("test.logger");
  }

  private String written() {
    return sink.toString(StandardCharsets.UTF_8);
  }

  @Test
  void install_textFormat_scrubsMessageArgumentsMdcAndExceptions() {
    Logger log = install(LogFormat.TEXT);

    MDC.put("auth", "Bearer " + TOKEN);
    try {
      log.warn(
          "pushing with {} for {}",
          TOKEN,
          "dev@example.com",
          new IllegalStateException(
              "refused password=" + CONFIGURED, new RuntimeException("cause has " + TOKEN)));
    } finally {
      MDC.clear();
    }

    assertThat(written())
        .contains("pushing with <redacted:github-token> for <redacted:email>")
        .contains("IllegalStateException")
        .contains("Caused by: java.lang.RuntimeException: cause has <redacted:github-token>")
        .doesNotContain(TOKEN)
        .doesNotContain(CONFIGURED)
        .doesNotContain("dev@example.com");
  }

  @Test
  void install_jsonFormat_writesValidJsonLinesWithoutSecrets() throws Exception {
    Logger log = install(LogFormat.JSON);

    MDC.put("request", "password=" + CONFIGURED);
    try {
      log.atInfo()
          .addKeyValue("token", TOKEN)
          .setMessage("calling {} with {\"api_key\": \"abcdefgh12345678\"}")
          .addArgument("https://bot:pw12345678@api.example.com")
          .log();
      log.error("failed", new IllegalArgumentException("key " + TOKEN));
    } finally {
      MDC.clear();
    }

    String out = written();
    assertThat(out)
        .doesNotContain(TOKEN)
        .doesNotContain(CONFIGURED)
        .doesNotContain("pw12345678")
        .doesNotContain("abcdefgh12345678");
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(lines.get(0));
    assertThat(first.get("message").asText()).startsWith("calling https://bot:");
    assertThat(first.get("level").asText()).isEqualTo("INFO");
    JsonNode second = mapper.readTree(lines.get(1));
    assertThat(second.get("stack_trace").asText())
        .contains("IllegalArgumentException: key <redacted:github-token>");
  }

  @Test
  void install_replacesEarlierAppenders_everyRootEncoderScrubs() {
    install(LogFormat.TEXT);
    install(LogFormat.JSON);

    assertThat(Logging.rootEncoders(context))
        .hasSize(1)
        .allMatch(encoder -> encoder instanceof ScrubbingEncoder);
  }

  @Test
  void install_startsTheFormattingEncoderOnlyAtTheFirstEvent() {
    Logger log = install(LogFormat.TEXT);
    ScrubbingEncoder encoder = (ScrubbingEncoder) Logging.rootEncoders(context).get(0);

    boolean startedBeforeAnyEvent = encoder.delegateStarted();
    log.warn("first with {}", TOKEN);
    log.warn("second");

    assertThat(startedBeforeAnyEvent).isFalse();
    assertThat(encoder.delegateStarted()).isTrue();
    assertThat(written().lines())
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0))
                  .matches(
                      "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  test\\.logger - first with <redacted:github-token>");
              assertThat(lines.get(1)).endsWith(" - second");
            });
  }

  @Test
  void install_levelThreshold_dropsDebugWhenWarn() {
    Logging.install(
        context, new LogSettings(Level.WARN, LogFormat.TEXT), SecretScrubber.withDefaults(), sink);
    Logger log = context.getLogger("x");

    log.debug("hidden detail");
    log.warn("shown warning");

    assertThat(written()).contains("shown warning").doesNotContain("hidden detail");
  }

  @Test
  void install_routesJavaUtilLoggingThroughTheScrubber_andDropsItsLevelsBelowTheSetting() {
    Logging.install(
        context, new LogSettings(Level.INFO, LogFormat.TEXT), SecretScrubber.withDefaults(), sink);
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.grpc.internal.Resolver");

    jul.log(
        java.util.logging.Level.WARNING,
        "resolving with " + TOKEN,
        new IllegalStateException("cause has " + TOKEN));
    jul.fine("fine detail");

    assertThat(written())
        .contains("WARN  i.g.i.Resolver - resolving with <redacted:github-token>")
        .contains("IllegalStateException: cause has <redacted:github-token>")
        .doesNotContain(TOKEN)
        .doesNotContain("fine detail");
    assertThat(jul.isLoggable(java.util.logging.Level.FINE)).isFalse();
    assertThat(java.util.logging.Logger.getLogger("").getHandlers())
        .singleElement()
        .isInstanceOf(JavaUtilLoggingBridge.class);
  }

  @Test
  void rescrub_afterInstall_scrubsTheNewExactValuesWithoutReinstalling() {
    Logging.install(
        context, new LogSettings(Level.DEBUG, LogFormat.TEXT), SecretScrubber.withDefaults(), sink);
    Logger log = context.getLogger("test.logger");
    var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(Logging.APPENDER_NAME);

    boolean swapped =
        Logging.rescrub(
            context, SecretScrubber.withDefaults().withExactValues(List.of(CONFIGURED)));
    log.info("connecting with {}", CONFIGURED);

    assertThat(swapped).isTrue();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(Logging.APPENDER_NAME))
        .isSameAs(appender);
    assertThat(written()).contains("connecting with").doesNotContain(CONFIGURED);
  }

  @Test
  void rescrub_nothingInstalled_saysSo() {
    assertThat(Logging.rescrub(newContext(), SecretScrubber.withDefaults())).isFalse();
  }
}
