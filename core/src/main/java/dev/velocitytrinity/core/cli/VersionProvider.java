package dev.velocitytrinity.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version}: the tool's name and the version the build stamped into core's resources. */
public final class VersionProvider implements IVersionProvider {

  @Spec CommandSpec spec;

  /** The build's version, e.g. {@code 0.1.0}. */
  public static String buildVersion() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream(
            "/META-INF/velocity-trinity/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      spec.root().name() + " " + buildVersion(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"
    };
  }
}
