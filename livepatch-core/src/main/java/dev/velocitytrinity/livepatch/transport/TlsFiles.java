package dev.velocitytrinity.livepatch.transport;

import java.nio.file.Path;
import java.util.Objects;

/** One end's TLS material: its certificate, its private key and the CA it trusts for the peer. */
public record TlsFiles(Path certificate, Path privateKey, Path trustedCa) {

  public TlsFiles {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(trustedCa, "trustedCa");
  }

  public TlsFiles withCertificate(Path file) {
    return new TlsFiles(file, privateKey, trustedCa);
  }

  public TlsFiles withPrivateKey(Path file) {
    return new TlsFiles(certificate, file, trustedCa);
  }

  public TlsFiles withTrustedCa(Path file) {
    return new TlsFiles(certificate, privateKey, file);
  }
}
