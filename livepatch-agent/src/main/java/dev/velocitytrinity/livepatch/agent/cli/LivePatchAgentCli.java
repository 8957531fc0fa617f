package dev.velocitytrinity.livepatch.agent.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ConfigCommand;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.cli.RootCommand;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.cli.ToolMain;
import dev.velocitytrinity.core.cli.ToolRunner;
import dev.velocitytrinity.core.cli.VersionProvider;
import dev.velocitytrinity.livepatch.agent.apply.AgentRoot;
import dev.velocitytrinity.livepatch.agent.apply.Limits;
import dev.velocitytrinity.livepatch.agent.config.AgentConfig;
import dev.velocitytrinity.livepatch.agent.server.AgentServer;
import dev.velocitytrinity.livepatch.agent.server.AgentSettings;
import dev.velocitytrinity.livepatch.transport.CertsDir;
import dev.velocitytrinity.livepatch.transport.TlsException;
import dev.velocitytrinity.livepatch.transport.TlsFiles;
import dev.velocitytrinity.livepatch.transport.Transports;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code livepatch-agent} command. Serving is its only job, so the root command serves: {@code
 * livepatch-agent --root /app --listen :7443 --certs /certs}.
 */
@Command(
    name = "livepatch-agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The in-container agent that receives LivePatch syncs over mutual TLS.",
    subcommands = {ConfigCommand.class})
public final class LivePatchAgentCli extends RootCommand {

  private final CliContext context;

  @Option(names = "--root", paramLabel = "DIR", description = "Directory to write into.")
  Path root;

  @Option(names = "--listen", paramLabel = "[HOST]:PORT", description = "Address to listen on.")
  String listen;

  @Option(
      names = "--certs",
      paramLabel = "DIR",
      description = "Directory from 'livepatch certs init' (agent.crt, agent.key, ca.crt).")
  Path certs;

  @Option(names = "--cert", paramLabel = "FILE", description = "Agent certificate (PEM).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "Agent private key (PEM).")
  Path key;

  @Option(names = "--client-ca", paramLabel = "FILE", description = "CA of client certificates.")
  Path clientCa;

  @Option(
      names = "--allow",
      paramLabel = "NAME",
      split = ",",
      description = "Client name allowed to sync (repeatable); default: any the CA issued.")
  List<String> allow;

  @Option(names = "--deny-list", paramLabel = "FILE", description = "Revoked client names.")
  Path denyList;

  @Option(names = "--max-file-size", paramLabel = "BYTES", description = "Largest file.")
  Long maxFileSize;

  @Option(
      names = "--max-change-set-size",
      paramLabel = "BYTES",
      description = "Most bytes per change set.")
  Long maxChangeSetSize;

  LivePatchAgentCli(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    ToolMain.exit(LivePatchAgentCli::run, args);
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment env) {
    return new ToolRunner(LivePatchAgentCli.class, AgentConfig.SCHEMA).run(args, out, err, env);
  }

  @Override
  public Integer call() {
    try {
      return serve();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERRUPTED;
    }
  }

  private int serve() throws InterruptedException {
    flag("root", "--root", root);
    flag("listen", "--listen", listen);
    flag("tls.certs", "--certs", certs);
    flag("tls.cert", "--cert", cert);
    flag("tls.key", "--key", key);
    flag("tls.clientCa", "--client-ca", clientCa);
    flag("clients.allow", "--allow", allow == null ? null : String.join(",", allow));
    flag("clients.denyList", "--deny-list", denyList);
    flag("limits.maxFileSize", "--max-file-size", maxFileSize);
    flag("limits.maxChangeSetSize", "--max-change-set-size", maxChangeSetSize);
    AgentConfig config = context.config(AgentConfig.class);
    if (config.root() == null) {
      throw new CommandException.Usage(
          "no root directory: pass --root DIR (or set root / LIVEPATCH_AGENT_ROOT)");
    }
    TlsFiles tls = tlsFiles(config.tls());
    InetSocketAddress address = address(config.listen());
    AgentRoot agentRoot;
    try {
      agentRoot = AgentRoot.open(context.resolve(config.root()));
    } catch (IOException e) {
      throw new CommandException.Usage("cannot use root " + config.root() + ": " + e.getMessage());
    }
    AgentSettings settings =
        new AgentSettings(
            new Limits(
                config.limits().maxFileSize(),
                config.limits().maxChangeSetSize(),
                config.limits().maxEntries()),
            Set.copyOf(config.clients().allow()),
            Optional.ofNullable(config.clients().denyList()).map(context::resolve),
            config.lockTimeout(),
            config.keepHistory());
    AgentServer server;
    try {
      server =
          new AgentServer(Transports.server(address, tls), agentRoot, settings, Clock.systemUTC())
              .start();
    } catch (TlsException e) {
      throw new CommandException.Usage(e.getMessage());
    } catch (IOException e) {
      throw new CommandException.Unavailable(
          "cannot listen on " + config.listen() + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    context
        .out()
        .println(
            "livepatch-agent: listening on "
                + hostForAddress(address.getHostString())
                + ":"
                + server.port()
                + " (root "
                + agentRoot.path()
                + ", mutual TLS 1.3, BoringSSL)");
    context.out().flush();
    server.awaitTermination();
    return 0;
  }

  private TlsFiles tlsFiles(AgentConfig.Tls tls) {
    Path dir = tls.certs();
    Path certFile =
        tls.cert() != null ? tls.cert() : dir != null ? new CertsDir(dir).agentCert() : null;
    Path keyFile =
        tls.key() != null ? tls.key() : dir != null ? new CertsDir(dir).agentKey() : null;
    Path caFile =
        tls.clientCa() != null ? tls.clientCa() : dir != null ? new CertsDir(dir).caCert() : null;
    if (certFile == null || keyFile == null || caFile == null) {
      throw new CommandException.Usage(
          "no TLS material: pass --certs DIR, or --cert, --key and --client-ca"
              + " (the agent never serves plaintext)");
    }
    return new TlsFiles(
        context.resolve(certFile), context.resolve(keyFile), context.resolve(caFile));
  }

  static InetSocketAddress address(String listen) {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CommandException.Usage("--listen must be [host]:port, got '" + listen + "'");
    }
    if (port > 65535) {
      throw new CommandException.Usage("port out of range in '" + listen + "'");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private void flag(String key, String name, Object value) {
    if (value != null) {
      context.setFromFlag(key, name, value.toString());
    }
  }

  /** An IPv6 address in brackets, so that the port after it stays unambiguous. */
  private static String hostForAddress(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
