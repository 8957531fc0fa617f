package dev.velocitytrinity.livepatch.transport;

/** TLS material that cannot be used: missing or unreadable files, or no BoringSSL. */
public final class TlsException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
