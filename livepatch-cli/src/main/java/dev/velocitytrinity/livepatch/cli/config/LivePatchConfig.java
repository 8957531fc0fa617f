package dev.velocitytrinity.livepatch.cli.config;

import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.Doc;
import dev.velocitytrinity.livepatch.client.Compression;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;

/** The livepatch CLI's settings; field initialisers are the defaults. */
public final class LivePatchConfig {

  public static final ConfigSchema<LivePatchConfig> SCHEMA =
      ConfigSchema.of("livepatch", LivePatchConfig.class);

  @Doc("The agent to sync with.")
  Agent agent = new Agent();

  @Doc("TLS material for talking to the agent.")
  Tls tls = new Tls();

  @Doc("How syncs behave.")
  Sync sync = new Sync();

  @Doc("The background process that serves later syncs warm (Linux and macOS).")
  Daemon daemon = new Daemon();

  public Agent agent() {
    return agent;
  }

  public Tls tls() {
    return tls;
  }

  public Sync sync() {
    return sync;
  }

  public Daemon daemon() {
    return daemon;
  }

  /** The {@code agent.*} settings. */
  public static final class Agent {
    @Doc("Agent address as host:port; an IPv6 address goes in brackets, as in [::1]:7443.")
    @Pattern(
        regexp = "^$|^([^\\s:\\[\\]]+|\\[[0-9A-Fa-f:.]+\\]):\\d{1,5}$",
        message = "must be host:port (an IPv6 address in brackets: [::1]:7443)")
    String address = "";

    @Doc("Name the agent's certificate must carry.")
    @Pattern(regexp = "^[A-Za-z0-9._-]{1,253}$", message = "must be a DNS-style name")
    String name = "livepatch-agent";

    public String address() {
      return address;
    }

    public String name() {
      return name;
    }
  }

  /** The {@code tls.*} settings. */
  public static final class Tls {
    @Doc("Directory made by 'livepatch certs init' (client.crt, client.key, ca.crt).")
    Path certs = null;

    @Doc("Client certificate (PEM); overrides client.crt in tls.certs.")
    Path cert = null;

    @Doc("Client private key (PEM, PKCS#8); overrides client.key in tls.certs.")
    Path key = null;

    @Doc("CA that issued the agent's certificate (PEM); overrides ca.crt in tls.certs.")
    Path ca = null;

    public Path certs() {
      return certs;
    }

    public Path cert() {
      return cert;
    }

    public Path key() {
      return key;
    }

    public Path ca() {
      return ca;
    }
  }

  /** The {@code sync.*} settings. */
  public static final class Sync {
    @Doc("Share of the remote tree --delete may remove without --force (0 to 1).")
    @DecimalMin("0.0")
    @DecimalMax("1.0")
    double maxDeleteShare = 0.25;

    @Doc("Longest wait for any one answer from the agent.")
    Duration timeout = Duration.ofMinutes(5);

    @Doc(
        "How content is compressed: auto (zstd for small change sets; for large ones whichever"
            + " of lz4 and zstd the sync measures faster on this link and machine), zstd (fewest"
            + " bytes) or lz4 (least CPU; zstd with agents older than lz4 support).")
    Compression compression = Compression.AUTO;

    public double maxDeleteShare() {
      return maxDeleteShare;
    }

    public Duration timeout() {
      return timeout;
    }

    public Compression compression() {
      return compression;
    }
  }

  /** The {@code daemon.*} settings. */
  public static final class Daemon {
    @Doc(
        "Start a background livepatch process after a sync and hand later syncs to it (they"
            + " skip the JVM's start-up and warm-up); none is started when CI is true. In a"
            + " YAML file this stops new ones being started; LIVEPATCH_DAEMON_ENABLED=false"
            + " also keeps syncs away from a running one.")
    boolean enabled = true;

    @Doc("How long the background process waits for the next sync before it exits.")
    Duration idleTimeout = Duration.ofHours(1);

    public boolean enabled() {
      return enabled;
    }

    public Duration idleTimeout() {
      return idleTimeout;
    }
  }
}
