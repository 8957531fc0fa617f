package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.livepatch.transport.CertificateAuthority;
import dev.velocitytrinity.livepatch.transport.CertsDir;
import dev.velocitytrinity.livepatch.transport.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livepatch certs init --dir DIR}: a CA, the agent's pair and a first client pair. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Create a CA (EC P-256) and issue the agent's and a first client's certificates.")
final class CertsInitCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where to write.")
  Path dir;

  @Option(
      names = "--agent-name",
      paramLabel = "NAME",
      defaultValue = "livepatch-agent",
      description = "Name in the agent's certificate (default: ${DEFAULT-VALUE}).")
  String agentName;

  @Option(
      names = "--client-name",
      paramLabel = "NAME",
      defaultValue = "client",
      description = "Identity of the first client certificate (default: ${DEFAULT-VALUE}).")
  String clientName;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "825",
      description = "Validity of issued certificates in days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--force", description = "Overwrite an existing CA.")
  boolean force;

  CertsInitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    CertsIssueClientCommand.checkName("--agent-name", agentName);
    CertsIssueClientCommand.checkName("--client-name", clientName);
    if (days < 1) {
      throw new CommandException.Usage("--days must be at least 1");
    }
    CertsDir certs = new CertsDir(context.resolve(dir));
    if (Files.exists(certs.caKey()) && !force) {
      throw new CommandException.Usage(
          certs.caKey()
              + " exists; pass --force to replace the CA (every issued certificate"
              + " stops working)");
    }
    Duration validity = Duration.ofDays(days);
    CertificateAuthority ca =
        CertificateAuthority.create(
            "LivePatch CA", validity.multipliedBy(10), Clock.systemUTC(), new SecureRandom());
    PemFiles.write(certs.caCert(), certs.caKey(), ca.certificate());
    PemFiles.write(certs.agentCert(), certs.agentKey(), ca.issueServer(agentName, validity));
    PemFiles.write(certs.clientCert(), certs.clientKey(), ca.issueClient(clientName, validity));
    context.out().println("created CA and certificates in " + certs.dir() + ":");
    context.out().println("  ca.crt, ca.key          the CA (keep ca.key private)");
    context.out().println("  agent.crt, agent.key    agent '" + agentName + "'");
    context.out().println("  client.crt, client.key  client '" + clientName + "'");
    return 0;
  }
}
