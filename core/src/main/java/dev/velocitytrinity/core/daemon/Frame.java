package dev.velocitytrinity.core.daemon;

/** One message on a daemon connection. */
record Frame(FrameType type, byte[] payload) {}
