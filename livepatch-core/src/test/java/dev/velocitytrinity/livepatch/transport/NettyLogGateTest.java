package dev.velocitytrinity.livepatch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NettyLogGateTest {

  @Test
  void newInstance_beforeAndAfterOpen_dropsDebugOnlyUntilOpened() {
    Logger backing = (Logger) LoggerFactory.getLogger("netty-log-gate-test");
    backing.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    backing.addAppender(events);
    NettyLogGate gate = new NettyLogGate();
    InternalLogger logger = gate.newInstance("netty-log-gate-test");

    logger.debug("early debug");
    logger.log(InternalLogLevel.TRACE, "early trace");
    logger.warn("early warning");
    boolean debugBeforeOpen = logger.isDebugEnabled();
    gate.open();
    logger.debug("late debug");

    assertThat(debugBeforeOpen).isFalse();
    assertThat(logger.isDebugEnabled()).isTrue();
    assertThat(events.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("early warning", "late debug");
  }
}
