package dev.velocitytrinity.core.daemon;

/** The kinds of frame on a daemon connection, with the byte that stands for each on the wire. */
enum FrameType {
  /** Client: run this invocation ({@link DaemonRequest}). */
  REQUEST(1),
  /** Client: the person stopped the run (Ctrl-C, SIGTERM); run its stop hooks and end it. */
  CANCEL(2),
  /** Client: describe yourself ({@link DaemonStatus}). */
  STATUS(3),
  /** Client: exit once the run in progress, if any, has ended. */
  STOP(4),
  /** Daemon: the request is taken; output follows. */
  ACCEPTED(10),
  /** Daemon: another run is in progress; run it yourself. */
  BUSY(11),
  /** Daemon: bytes for the client's standard output. */
  OUT(12),
  /** Daemon: bytes for the client's standard error. */
  ERR(13),
  /** Daemon: the run ended with this exit code (4 bytes). */
  EXIT(14),
  /** Daemon: the answer to {@link #STATUS}. */
  STATUS_REPLY(15),
  /** Daemon: this request cannot be served here (another protocol version); run it yourself. */
  DECLINED(16);

  final byte code;

  FrameType(int code) {
    this.code = (byte) code;
  }

  static FrameType of(byte code) {
    for (FrameType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown frame type " + code);
  }
}
