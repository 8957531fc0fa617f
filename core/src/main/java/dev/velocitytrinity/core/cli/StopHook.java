package dev.velocitytrinity.core.cli;

/**
 * An action registered to run if a command is stopped (Ctrl-C, SIGTERM, a daemon client's cancel)
 * before it ends; closing it, when the work ends, cancels it.
 */
public interface StopHook extends AutoCloseable {

  @Override
  void close();
}
