package dev.velocitytrinity.core.daemon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.time.Instant;

/**
 * What a running daemon says of itself.
 *
 * @param pid its process id
 * @param started when it started
 * @param served runs it has served
 * @param busy whether a run is in progress
 * @param lastActivity when its last run ended (or it started, before the first)
 * @param idleTimeout how long it waits for the next run before it exits
 * @param stopping whether it was asked to stop (and takes no new run)
 */
public record DaemonStatus(
    long pid,
    Instant started,
    long served,
    boolean busy,
    Instant lastActivity,
    Duration idleTimeout,
    boolean stopping) {

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(pid);
      out.writeLong(started.toEpochMilli());
      out.writeLong(served);
      out.writeBoolean(busy);
      out.writeLong(lastActivity.toEpochMilli());
      out.writeLong(idleTimeout.toMillis());
      out.writeBoolean(stopping);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static DaemonStatus decode(byte[] payload) throws ProtocolException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      return new DaemonStatus(
          in.readLong(),
          Instant.ofEpochMilli(in.readLong()),
          in.readLong(),
          in.readBoolean(),
          Instant.ofEpochMilli(in.readLong()),
          Duration.ofMillis(in.readLong()),
          in.readBoolean());
    } catch (IOException e) {
      throw new ProtocolException("malformed status: " + e.getMessage());
    }
  }
}
