package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.daemon.DaemonAddress;
import dev.velocitytrinity.core.daemon.DaemonStarter;
import dev.velocitytrinity.livepatch.cli.config.LivePatchConfig;
import dev.velocitytrinity.livepatch.client.Change;
import dev.velocitytrinity.livepatch.client.ProgressListener;
import dev.velocitytrinity.livepatch.client.PushRecords;
import dev.velocitytrinity.livepatch.client.SyncClient;
import dev.velocitytrinity.livepatch.client.SyncException;
import dev.velocitytrinity.livepatch.client.SyncOutcome;
import dev.velocitytrinity.livepatch.client.SyncSpec;
import dev.velocitytrinity.livepatch.transport.CertsDir;
import dev.velocitytrinity.livepatch.transport.TlsException;
import dev.velocitytrinity.livepatch.transport.TlsFiles;
import dev.velocitytrinity.livepatch.transport.Transports;
import dev.velocitytrinity.livepatch.tree.UnsafePathException;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code livepatch sync DIR --agent HOST:PORT}: one atomic change set into the agent's tree. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Make the agent's tree look like DIR, sending only changed bytes.")
final class SyncCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(SyncCommand.class);

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Local directory to sync.")
  Path dir;

  @Option(names = "--agent", paramLabel = "HOST:PORT", description = "Agent to sync with.")
  String agent;

  @Option(
      names = "--agent-name",
      paramLabel = "NAME",
      description = "Name the agent's certificate must carry (default livepatch-agent).")
  String agentName;

  @Option(names = "--dest", paramLabel = "SUBDIR", description = "Subdirectory of the agent root.")
  String dest;

  @Option(names = "--delete", description = "Remove remote entries missing locally.")
  boolean delete;

  @Option(names = "--force", description = "Let --delete remove a large share of the tree.")
  boolean force;

  @Option(names = "--dry-run", description = "List what would change; change nothing.")
  boolean dryRun;

  @Option(
      names = SyncDaemon.NO_DAEMON,
      description = "Run in this JVM: neither use a running daemon nor start one.")
  boolean noDaemon;

  @Option(names = "--certs", paramLabel = "DIR", description = "Directory from 'certs init'.")
  Path certs;

  @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (PEM).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "Client private key (PEM).")
  Path key;

  @Option(names = "--ca", paramLabel = "FILE", description = "CA of the agent's certificate.")
  Path ca;

  SyncCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    flag("agent.address", "--agent", agent);
    flag("agent.name", "--agent-name", agentName);
    flag("tls.certs", "--certs", certs);
    flag("tls.cert", "--cert", cert);
    flag("tls.key", "--key", key);
    flag("tls.ca", "--ca", ca);
    LivePatchConfig config = context.config(LivePatchConfig.class);
    Transports.loggingReady();
    String address = config.agent().address();
    if (address.isEmpty()) {
      throw new CommandException.Usage(
          "no agent: pass --agent HOST:PORT (or set agent.address / LIVEPATCH_AGENT_ADDRESS)");
    }
    Path localDir = context.resolve(dir);
    if (!Files.isDirectory(localDir)) {
      throw new CommandException.Usage(dir + ": not a directory");
    }
    SyncSpec spec;
    try {
      spec =
          new SyncSpec(
              localDir,
              dest,
              delete,
              force,
              dryRun,
              config.sync().maxDeleteShare(),
              config.sync().compression());
    } catch (UnsafePathException e) {
      throw new CommandException.Usage("--dest: " + e.getMessage());
    }
    TlsFiles tls = tlsFiles(config.tls());
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // an IPv6 address
    }
    int port = Integer.parseInt(address.substring(colon + 1));
    if (port < 1 || port > 65535) {
      throw new CommandException.Usage("--agent: port out of range in '" + address + "'");
    }
    long started = System.nanoTime();
    SyncOutcome outcome;
    try (InterruptNotice notice =
        InterruptNotice.install(progress(), context.err(), context.environment().invocation())) {
      outcome = sync(config, spec, tls, host, port, address, notice);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    print(outcome, millis);
    startDaemonForNextSync(config.daemon());
    return 0;
  }

  /**
   * Leaves a daemon behind for the next sync, after a sync that ran in its own JVM (from the
   * packaged launcher, on Linux or macOS, unless turned off or in CI). Its start competes with
   * nothing that matters: this sync's result is printed already.
   */
  private void startDaemonForNextSync(LivePatchConfig.Daemon settings) {
    ToolEnvironment environment = context.environment();
    if (noDaemon
        || !settings.enabled()
        || environment.invocation().inDaemon()
        || !SyncDaemon.mayStart(environment.env())) {
      return;
    }
    Optional<DaemonAddress> address = SyncDaemon.address(environment);
    Optional<Path> launcher = DaemonStarter.launcher(SyncDaemon.TOOL);
    if (address.isEmpty() || launcher.isEmpty()) {
      return;
    }
    if (SyncDaemon.client().status(address.get()).isPresent()) {
      return; // running, and it was busy when this sync began
    }
    try {
      DaemonStarter.start(
          address.get(),
          launcher.get(),
          daemonArgs(address.get(), settings),
          daemonEnvironment(environment.env()));
      log.debug("started a daemon on {} for the next sync", address.get());
    } catch (IOException e) {
      log.debug("could not start a daemon on {}: {}", address.get(), e.getMessage());
    }
  }

  /** Connects, syncs and closes the channel; the caller times and prints the outcome. */
  private SyncOutcome sync(
      LivePatchConfig config,
      SyncSpec spec,
      TlsFiles tls,
      String host,
      int port,
      String address,
      ProgressListener progress) {
    ManagedChannel channel;
    try {
      channel = Transports.channel(host, port, tls, config.agent().name());
    } catch (TlsException e) {
      throw new CommandException.Usage(e.getMessage());
    } catch (UnknownHostException e) {
      throw new CommandException.Unavailable(
          "cannot reach agent " + address + ": unknown host " + host, e);
    }
    // Connect now rather than at the first call: the TCP and TLS handshakes overlap the set-up
    // below and the local scan.
    channel.getState(true);
    // Threads start only when a file needs hashing (a first sync, or files changed since the last).
    ExecutorService hashers =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            task -> {
              Thread thread = new Thread(task, "livepatch-hash");
              thread.setDaemon(true);
              return thread;
            });
    SyncOutcome outcome;
    try {
      outcome =
          new SyncClient(channel, address, config.sync().timeout(), hashers)
              .sync(spec, new PushRecords(recordsDir()), progress);
    } catch (SyncException.Unavailable e) {
      throw new CommandException.Unavailable(e.getMessage(), e);
    } catch (SyncException.Rejected e) {
      throw new CommandException.Failed(e.getMessage());
    } catch (SyncException.NeedsConfirmation e) {
      throw new CommandException.Usage(e.getMessage());
    } catch (SyncException e) {
      throw new CommandException.Failed(e.getMessage());
    } catch (UncheckedIOException e) {
      throw new CommandException.Failed("cannot read " + dir + ": " + e.getCause().getMessage());
    } catch (IOException e) {
      throw new CommandException.Failed("sync failed: " + e.getMessage());
    } finally {
      hashers.shutdownNow();
      channel.shutdownNow();
      // A cancelled run (daemon) arrives here interrupted: wait anyway, or the channel's own
      // event loop thread is never shut down and outlives the run in a daemon.
      boolean interrupted = Thread.interrupted();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return outcome;
  }

  private void print(SyncOutcome outcome, long millis) {
    if (context.globals().json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("dryRun", outcome.dryRun());
      json.put("added", outcome.count(Change.Kind.ADDED));
      json.put("modified", outcome.count(Change.Kind.MODIFIED));
      json.put("deleted", outcome.count(Change.Kind.DELETED));
      json.put("changes", outcome.changes().stream().map(Change::toString).toList());
      json.put("changeSetId", outcome.changeSetId());
      json.put("manifestFetched", outcome.manifestFetched());
      json.put("bytesSent", outcome.bytesSent());
      json.put("bytesReceived", outcome.bytesReceived());
      json.put("millis", millis);
      context.printJson(json);
      return;
    }
    if (outcome.dryRun()) {
      outcome.changes().forEach(c -> context.out().println(c));
    }
    // Concatenated rather than formatted: printf's first use loads the locale data (~5 ms of
    // every sync, for a line of plain integers).
    context
        .out()
        .println(
            (outcome.dryRun() ? "would sync " : "synced ")
                + outcome.changes().size()
                + " entries ("
                + outcome.count(Change.Kind.ADDED)
                + " added, "
                + outcome.count(Change.Kind.MODIFIED)
                + " modified, "
                + outcome.count(Change.Kind.DELETED)
                + " deleted) in "
                + millis
                + " ms; sent "
                + outcome.bytesSent()
                + " bytes, received "
                + outcome.bytesReceived()
                + " bytes");
  }

  /**
   * What the daemon gets beyond the basics {@link DaemonStarter} keeps: this sync's LIVEPATCH_*
   * settings, which its warm-up runs with.
   */
  private static Map<String, String> daemonEnvironment(Map<String, String> env) {
    Map<String, String> extra = new LinkedHashMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("LIVEPATCH_")) {
            extra.put(name, value);
          }
        });
    // Use the archive the launcher has; a server never records one (it would as it exits).
    extra.put("VT_CDS", "use");
    return extra;
  }

  /** {@code daemon run} for this sync's daemon, warmed up on this sync's own command line. */
  private List<String> daemonArgs(DaemonAddress address, LivePatchConfig.Daemon settings) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "daemon",
            "run",
            "--socket",
            address.socket().toString(),
            "--idle-timeout",
            settings.idleTimeout().toMillis() + "ms",
            "--warm-up-in",
            context.environment().workingDirectory().toString(),
            "--"));
    args.addAll(spec.root().commandLine().getParseResult().originalArgs());
    return args;
  }

  private ProgressListener progress() {
    if (!context.environment().invocation().terminal()
        || context.globals().quiet()
        || context.globals().json()) {
      return ProgressListener.NONE;
    }
    return (done, total, bytesDone, bytesTotal) -> {
      if (total >= 100 && (done % 50 == 0 || done == total)) {
        int width = 30;
        int filled = (int) (width * (double) done / total);
        context
            .err()
            .printf(
                "\r[%s%s] %d/%d files, %d/%d KiB%s",
                "#".repeat(filled),
                " ".repeat(width - filled),
                done,
                total,
                bytesDone / 1024,
                bytesTotal / 1024,
                done == total ? "\n" : "");
        context.err().flush();
      }
    };
  }

  private Path recordsDir() {
    return context.environment().userCacheDir().resolve("livepatch");
  }

  private TlsFiles tlsFiles(LivePatchConfig.Tls tls) {
    Path certsDir = tls.certs();
    CertsDir standard = certsDir == null ? null : new CertsDir(certsDir);
    Path certFile =
        tls.cert() != null ? tls.cert() : standard != null ? standard.clientCert() : null;
    Path keyFile = tls.key() != null ? tls.key() : standard != null ? standard.clientKey() : null;
    Path caFile = tls.ca() != null ? tls.ca() : standard != null ? standard.caCert() : null;
    if (certFile == null || keyFile == null || caFile == null) {
      throw new CommandException.Usage(
          "no TLS material: pass --certs DIR (from 'livepatch certs init'), or --cert, --key and"
              + " --ca");
    }
    return new TlsFiles(
        context.resolve(certFile), context.resolve(keyFile), context.resolve(caFile));
  }

  private void flag(String key, String name, Object value) {
    if (value != null) {
      context.setFromFlag(key, name, value.toString());
    }
  }
}
