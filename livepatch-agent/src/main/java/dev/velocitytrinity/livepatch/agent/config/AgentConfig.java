package dev.velocitytrinity.livepatch.agent.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The agent's settings; field initialisers are the defaults. */
public final class AgentConfig {

  public static final ConfigSchema<AgentConfig> SCHEMA =
      ConfigSchema.of("livepatch-agent", AgentConfig.class);

  @Doc("Address to listen on, [host]:port (no host: all interfaces).")
  @Pattern(regexp = "^[^\\s]*:\\d{1,5}$", message = "must be [host]:port")
  String listen = ":7443";

  @Doc("Directory the agent writes into; nothing outside it is ever written.")
  Path root = null;

  @Doc("TLS material.")
  Tls tls = new Tls();

  @Doc("Which clients may sync.")
  Clients clients = new Clients();

  @Doc("Bounds on one change set.")
  Limits limits = new Limits();

  @Doc("How long a sync waits for another sync on the same root to finish.")
  Duration lockTimeout = Duration.ofSeconds(30);

  @Doc("Applied change sets whose previous versions are kept for undo.")
  @Min(1)
  int keepHistory = 10;

  public String listen() {
    return listen;
  }

  public Path root() {
    return root;
  }

  public Tls tls() {
    return tls;
  }

  public Clients clients() {
    return clients;
  }

  public Limits limits() {
    return limits;
  }

  public Duration lockTimeout() {
    return lockTimeout;
  }

  public int keepHistory() {
    return keepHistory;
  }

  /** The {@code tls.*} settings. */
  public static final class Tls {
    @Doc("Directory made by 'livepatch certs init' (agent.crt, agent.key, ca.crt).")
    Path certs = null;

    @Doc("Agent certificate (PEM); overrides the one in tls.certs.")
    Path cert = null;

    @Doc("Agent private key (PEM, PKCS#8); overrides the one in tls.certs.")
    Path key = null;

    @Doc("CA that issues client certificates (PEM); overrides ca.crt in tls.certs.")
    Path clientCa = null;

    public Path certs() {
      return certs;
    }

    public Path cert() {
      return cert;
    }

    public Path key() {
      return key;
    }

    public Path clientCa() {
      return clientCa;
    }
  }

  /** The {@code clients.*} settings. */
  public static final class Clients {
    @Doc(
        "Client names (certificate common names) allowed to sync; empty allows every client"
            + " certificate the CA issued.")
    List<String> allow = List.of();

    @Doc("File of revoked client names, one per line; re-read on every connection.")
    Path denyList = null;

    public List<String> allow() {
      return allow;
    }

    public Path denyList() {
      return denyList;
    }
  }

  /** The {@code limits.*} settings. */
  public static final class Limits {
    @Doc("Largest file one change set may write, in bytes.")
    @Positive
    long maxFileSize = 4L << 30;

    @Doc("Most bytes one change set may write, in bytes.")
    @Positive
    long maxChangeSetSize = 16L << 30;

    @Doc("Most entries (files, directories, links, removals) in one change set.")
    @Positive
    int maxEntries = 1_000_000;

    public long maxFileSize() {
      return maxFileSize;
    }

    public long maxChangeSetSize() {
      return maxChangeSetSize;
    }

    public int maxEntries() {
      return maxEntries;
    }
  }
}
