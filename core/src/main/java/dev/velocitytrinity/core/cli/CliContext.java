package dev.velocitytrinity.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.velocitytrinity.core.config.ConfigLoader;
import dev.velocitytrinity.core.config.ConfigSchema;
import dev.velocitytrinity.core.config.ConfigSources;
import dev.velocitytrinity.core.config.LoadedConfig;
import dev.velocitytrinity.core.log.Logging;
import dev.velocitytrinity.core.log.SecretScrubber;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a command gets from the runner: its output streams, the process environment, the global
 * options and the tool's config (loaded on first use, so {@code --help} never needs a valid
 * config). Commands receive it through their constructor.
 */
public final class CliContext {

  private final ConfigSchema<?> schema;
  private final PrintWriter out;
  private final PrintWriter err;
  private final ToolEnvironment environment;
  private final OutputStream logTarget;
  private final ConfigLoader configLoader;
  private final Map<String, ConfigSources.FlagValue> flagSettings = new HashMap<>();
  private Globals globals = Globals.defaults();
  private SecretScrubber scrubber;
  private LoadedConfig<?> config;

  CliContext(
      ConfigSchema<?> schema,
      PrintWriter out,
      PrintWriter err,
      ToolEnvironment environment,
      OutputStream logTarget,
      ConfigLoader configLoader) {
    this.schema = schema;
    this.configLoader = configLoader;
    this.out = out;
    this.err = err;
    this.environment = environment;
    this.logTarget = logTarget;
    this.scrubber =
        SecretScrubber.withDefaults()
            .withExactValues(ConfigLoader.secretValuesIn(schema, sources()));
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public ToolEnvironment environment() {
    return environment;
  }

  public Globals globals() {
    return globals;
  }

  public String toolName() {
    return schema.tool();
  }

  public ConfigSchema<?> schema() {
    return schema;
  }

  /** Scrubs text the tool prints about failures; the same rules as the logs. */
  public SecretScrubber scrubber() {
    return scrubber;
  }

  /** Resolves a path the user typed against the tool's working directory. */
  public Path resolve(Path path) {
    return environment.workingDirectory().resolve(path).normalize();
  }

  /**
   * Records a setting given by a command's flag; it beats every other source. Call before {@link
   * #config}.
   */
  public void setFromFlag(String key, String flagName, String value) {
    if (config != null) {
      throw new IllegalStateException("config already loaded");
    }
    flagSettings.put(key, new ConfigSources.FlagValue(flagName, value));
  }

  /** The tool's config, loaded and validated on first call; throws ConfigException if invalid. */
  public <T> T config(Class<T> type) {
    return type.cast(loadedConfig().value());
  }

  public LoadedConfig<?> loadedConfig() {
    if (config == null) {
      config = configLoader.load(schema, sources());
      scrubber = scrubber.withExactValues(config.secretValues());
      if (!Logging.rescrub(scrubber)) {
        Logging.install(globals.logSettings(), scrubber, logTarget);
      }
    }
    return config;
  }

  /**
   * Installs this run's logging again: for a daemon, whose runs each install their own for their
   * client, after every run it served.
   */
  public void reinstallLogging() {
    Logging.install(globals.logSettings(), scrubber, logTarget);
  }

  /** A JSON writer for {@code --format json}: stable, indented output. */
  public ObjectMapper json() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Prints {@code value} as JSON on stdout. */
  public void printJson(Object value) {
    try {
      out.println(json().writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start(Globals globals, boolean installLogging) {
    this.globals = globals;
    if (installLogging) {
      Logging.install(globals.logSettings(), scrubber, logTarget);
    }
  }

  private ConfigSources sources() {
    Optional<Path> project =
        globals
            .config()
            .map(this::resolve)
            .or(() -> Optional.of(resolve(Path.of(schema.projectFileName()))));
    return new ConfigSources(
        Optional.of(environment.userConfigDir().resolve(schema.projectFileName())),
        project,
        globals.config().isPresent(),
        environment.env(),
        flagSettings,
        Optional.of(environment.workingDirectory()));
  }
}
