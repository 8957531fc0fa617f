package dev.velocitytrinity.core.config;

import dev.velocitytrinity.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Writes docs/config.md from every {@link ConfigSchemaProvider} on the class path. */
public final class ConfigDocsMain {

  private ConfigDocsMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ConfigDocsMain OUTPUT.md");
      System.exit(2);
    }
    List<ConfigSchema<?>> schemas =
        ServiceLoader.load(ConfigSchemaProvider.class).stream()
            .<ConfigSchema<?>>map(p -> p.get().schema())
            .sorted(Comparator.comparing(ConfigSchema::tool))
            .toList();
    AtomicFiles.writeString(Path.of(args[0]), ConfigDocs.render(schemas));
  }
}
