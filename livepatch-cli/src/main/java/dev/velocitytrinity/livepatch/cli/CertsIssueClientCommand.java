package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.livepatch.transport.CertificateAuthority;
import dev.velocitytrinity.livepatch.transport.CertsDir;
import dev.velocitytrinity.livepatch.transport.IssuedCertificate;
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

/** {@code livepatch certs issue-client --name NAME}: another client certificate from the CA. */
@Command(
    name = "issue-client",
    mixinStandardHelpOptions = true,
    description = "Issue a client certificate NAME.crt/NAME.key from the CA in --dir.")
final class CertsIssueClientCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Client identity.")
  String name;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "certs",
      description = "Directory with ca.crt and ca.key (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "825",
      description = "Validity in days (default: ${DEFAULT-VALUE}).")
  int days;

  CertsIssueClientCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    checkName("--name", name);
    if (days < 1) {
      throw new CommandException.Usage("--days must be at least 1");
    }
    CertsDir certs = new CertsDir(context.resolve(dir));
    if (!Files.isRegularFile(certs.caCert()) || !Files.isRegularFile(certs.caKey())) {
      throw new CommandException.Usage(
          "no CA in " + certs.dir() + ": run 'livepatch certs init --dir " + dir + "' first");
    }
    if (Files.exists(certs.clientCert(name)) || Files.exists(certs.clientKey(name))) {
      throw new CommandException.Usage(certs.clientCert(name) + " already exists");
    }
    IssuedCertificate caPair;
    try {
      caPair =
          new IssuedCertificate(
              PemFiles.readCertificate(certs.caCert()), PemFiles.readPrivateKey(certs.caKey()));
    } catch (IOException e) {
      throw new CommandException.Usage("cannot read the CA: " + e.getMessage());
    }
    CertificateAuthority ca =
        new CertificateAuthority(caPair, Clock.systemUTC(), new SecureRandom());
    PemFiles.write(
        certs.clientCert(name), certs.clientKey(name), ca.issueClient(name, Duration.ofDays(days)));
    context
        .out()
        .println(
            "issued client '"
                + name
                + "': "
                + certs.clientCert(name)
                + ", "
                + certs.clientKey(name));
    return 0;
  }

  static void checkName(String flag, String value) {
    if (!value.matches("[A-Za-z0-9._-]{1,64}") || value.startsWith(".")) {
      throw new CommandException.Usage(
          flag + " must be 1-64 letters, digits, '.', '_' or '-', got '" + value + "'");
    }
  }
}
