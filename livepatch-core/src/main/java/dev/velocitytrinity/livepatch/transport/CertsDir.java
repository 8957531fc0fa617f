package dev.velocitytrinity.livepatch.transport;

import java.nio.file.Path;

/**
 * The standard file names in a certificates directory made by {@code livepatch certs init}: {@code
 * ca.crt}/{@code ca.key}, the agent's {@code agent.crt}/{@code agent.key}, the first client's
 * {@code client.crt}/{@code client.key}, and {@code <name>.crt}/{@code <name>.key} for clients
 * issued later.
 */
public record CertsDir(Path dir) {

  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  public Path caKey() {
    return dir.resolve("ca.key");
  }

  public Path agentCert() {
    return dir.resolve("agent.crt");
  }

  public Path agentKey() {
    return dir.resolve("agent.key");
  }

  public Path clientCert() {
    return dir.resolve("client.crt");
  }

  public Path clientKey() {
    return dir.resolve("client.key");
  }

  public Path clientCert(String name) {
    return dir.resolve(name + ".crt");
  }

  public Path clientKey(String name) {
    return dir.resolve(name + ".key");
  }

  public TlsFiles agent() {
    return new TlsFiles(agentCert(), agentKey(), caCert());
  }

  public TlsFiles client() {
    return new TlsFiles(clientCert(), clientKey(), caCert());
  }
}
