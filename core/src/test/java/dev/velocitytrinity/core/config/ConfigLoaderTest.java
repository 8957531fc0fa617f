package dev.velocitytrinity.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  /** A config bean shaped like the tools' ones. */
  static final class SampleConfig {
    @Doc("Analysis settings.")
    Analyze analyze = new Analyze();

    @Doc("Service token.")
    Secret token;

    @Doc("Mode.")
    Mode mode = Mode.FAST;

    enum Mode {
      FAST,
      THOROUGH
    }

    static final class Analyze {
      @Doc("Worker threads.")
      @Range(min = 1, max = 256)
      int workers = 4;

      @Doc("Time limit.")
      Duration timeout = Duration.ofSeconds(30);

      @Doc("Globs to skip.")
      List<String> exclude = List.of("node_modules/**");
    }
  }

  private static final ConfigSchema<SampleConfig> SCHEMA =
      ConfigSchema.of("dep-ci", SampleConfig.class);

  private final ConfigLoader loader = new ConfigLoader();

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private ConfigSources sources(Path user, Path project, Map<String, String> env) {
    return new ConfigSources(
        Optional.ofNullable(user), Optional.ofNullable(project), false, env, Map.of());
  }

  @Test
  void schema_derivesKeysEnvVarsAndDefaults() {
    assertThat(SCHEMA.settings())
        .extracting(Setting::key, Setting::envVar, Setting::defaultValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("analyze.workers", "DEP_CI_ANALYZE_WORKERS", "4"),
            org.assertj.core.groups.Tuple.tuple("analyze.timeout", "DEP_CI_ANALYZE_TIMEOUT", "30s"),
            org.assertj.core.groups.Tuple.tuple(
                "analyze.exclude", "DEP_CI_ANALYZE_EXCLUDE", "node_modules/**"),
            org.assertj.core.groups.Tuple.tuple("token", "DEP_CI_TOKEN", ""),
            org.assertj.core.groups.Tuple.tuple("mode", "DEP_CI_MODE", "fast"));
  }

  @Test
  void load_noSources_usesDefaults() {
    LoadedConfig<SampleConfig> config = loader.load(SCHEMA, ConfigSources.none());

    assertThat(config.value().analyze.workers).isEqualTo(4);
    assertThat(config.values()).allMatch(v -> v.origin().source() == ConfigSource.DEFAULT);
  }

  @Test
  void load_everySource_followsPrecedenceFlagEnvProjectUserDefault() throws IOException {
    Path user =
        write(
            "user.yml", "analyze:\n  workers: 2\n  timeout: 5m\n  exclude: [a]\nmode: thorough\n");
    Path project = write("dep-ci.yml", "analyze:\n  workers: 3\n  timeout: 10s\n");
    ConfigSources sources =
        sources(
                user,
                project,
                Map.of("DEP_CI_ANALYZE_WORKERS", "5", "DEP_CI_ANALYZE_TIMEOUT", "1h"))
            .withFlag("analyze.workers", "--workers", "6");

    LoadedConfig<SampleConfig> config = loader.load(SCHEMA, sources);

    assertThat(config.value().analyze.workers).isEqualTo(6);
    assertThat(config.value().analyze.timeout).isEqualTo(Duration.ofHours(1));
    assertThat(config.value().analyze.exclude).containsExactly("a");
    assertThat(config.value().mode).isEqualTo(SampleConfig.Mode.THOROUGH);
    assertThat(config.values())
        .extracting(v -> v.setting().key() + "=" + v.displayValue() + " @ " + v.origin())
        .containsExactly(
            "analyze.workers=6 @ flag --workers",
            "analyze.timeout=1h @ env DEP_CI_ANALYZE_TIMEOUT",
            "analyze.exclude=a @ " + user + ":4:3",
            "token= @ default",
            "mode=thorough @ " + user + ":5:1");
  }

  @Test
  void load_outOfRange_reportsFileLineColumnAndProperty() throws IOException {
    Path project =
        write("dep-ci.yml", "# settings\n\nanalyze:\n  timeout: 5s\n\n\n  workers: 999\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(project + ":7:3: error: analyze.workers must be between 1 and 256");
  }

  @Test
  void load_unknownKey_suggestsClosest() throws IOException {
    Path project = write("dep-ci.yml", "analyze:\n  wrokers: 4\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .hasMessage(
            project
                + ":2:3: error: unknown setting 'analyze.wrokers'; did you mean 'analyze.workers'?");
  }

  @Test
  void load_unknownKeyFarFromAll_pointsAtConfigShow() throws IOException {
    Path project = write("dep-ci.yml", "completely_unrelated: 1\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .hasMessageContaining("unknown setting 'completely_unrelated' (see 'dep-ci config show'");
  }

  @Test
  void load_badTypeInEnv_namesVariableAndValue() {
    assertThatThrownBy(
            () ->
                loader.load(SCHEMA, sources(null, null, Map.of("DEP_CI_ANALYZE_WORKERS", "many"))))
        .hasMessage(
            "env DEP_CI_ANALYZE_WORKERS: error: analyze.workers: expected an integer, got \"many\"");
  }

  @Test
  void load_secretFromEnv_isMaskedAndReturnedForScrubbing() {
    LoadedConfig<SampleConfig> config =
        loader.load(SCHEMA, sources(null, null, Map.of("DEP_CI_TOKEN", "s3cr3t-value")));

    assertThat(config.value().token.reveal()).isEqualTo("s3cr3t-value");
    assertThat(config.value().token).hasToString("****");
    assertThat(config.values())
        .filteredOn(v -> v.setting().key().equals("token"))
        .singleElement()
        .satisfies(v -> assertThat(v.displayValue()).isEqualTo("****"));
    assertThat(config.secretValues()).containsExactly("s3cr3t-value");
  }

  @Test
  void load_secretWithWrongShape_neverEchoesValue() throws IOException {
    Path project = write("dep-ci.yml", "token:\n  nested: hunter2hunter2\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .hasMessageContaining("token: expected a secret")
        .message()
        .doesNotContain("hunter2hunter2");
  }

  @Test
  void load_invalidYaml_reportsPosition() throws IOException {
    Path project = write("dep-ci.yml", "analyze:\n  workers: [1,\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .hasMessageStartingWith(project + ":3:1: error: invalid YAML");
  }

  @Test
  void load_duplicateKey_isRejected() throws IOException {
    Path project = write("dep-ci.yml", "mode: fast\nmode: thorough\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .hasMessage(project + ":2:1: error: duplicate key 'mode'");
  }

  @Test
  void load_badEnum_listsChoices() throws IOException {
    Path project = write("dep-ci.yml", "mode: slow\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .hasMessage(project + ":1:1: error: mode: expected one of fast, thorough, got \"slow\"");
  }

  @Test
  void load_requiredProjectFileMissing_saysSo() {
    Path missing = dir.resolve("nope.yml");
    ConfigSources sources =
        new ConfigSources(Optional.empty(), Optional.of(missing), true, Map.of(), Map.of());

    assertThatThrownBy(() -> loader.load(SCHEMA, sources))
        .hasMessage(missing + ": error: file not found");
  }

  @Test
  void load_severalProblems_reportsAll() throws IOException {
    Path project = write("dep-ci.yml", "analyze:\n  workers: x\n  timeout: soon\n");

    assertThatThrownBy(() -> loader.load(SCHEMA, sources(null, project, Map.of())))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2));
  }

  /** A schema whose default breaks its own constraint, to pin down when validation runs. */
  static final class BrokenDefaults {
    @Doc("Workers.")
    @Range(min = 1, max = 8)
    int workers = 0;
  }

  @Test
  void checkDefaults_invalidDefault_isReported() {
    ConfigSchema<BrokenDefaults> schema = ConfigSchema.of("broken", BrokenDefaults.class);

    assertThat(loader.checkDefaults(schema))
        .extracting(ConfigProblem::format)
        .containsExactly("default: error: workers must be between 1 and 8");
    assertThat(loader.checkDefaults(SCHEMA)).isEmpty();
  }

  @Test
  void load_onlyDefaults_skipsValidation_anyOtherSourceValidates() {
    ConfigSchema<BrokenDefaults> schema = ConfigSchema.of("broken", BrokenDefaults.class);

    assertThat(loader.load(schema, ConfigSources.none()).value().workers).isZero();
    assertThatThrownBy(
            () -> loader.load(schema, sources(null, null, Map.of("BROKEN_WORKERS", "9"))))
        .hasMessage("env BROKEN_WORKERS: error: workers must be between 1 and 8");
  }

  @Test
  void docs_renderEverySettingWithEnvAndDefault() {
    String markdown = ConfigDocs.render(List.of(SCHEMA));

    assertThat(markdown)
        .contains("## dep-ci (`dep-ci.yml`)")
        .contains(
            "| `analyze.workers` | `DEP_CI_ANALYZE_WORKERS` | integer | `4` | Worker threads. |")
        .contains("| `token` | `DEP_CI_TOKEN` | secret |  | Service token. |");
  }

  /** Decimal bounds, whose standard messages hold an EL expression. */
  static final class Shares {
    @Doc("Inclusive lower bound.")
    @DecimalMin("0.0")
    double low = 0.5;

    @Doc("Exclusive upper bound.")
    @DecimalMax(value = "1.0", inclusive = false)
    double high = 0.5;
  }

  @Test
  void load_decimalBoundsBroken_saysWhichBoundInPlainWords() {
    ConfigSchema<Shares> schema = ConfigSchema.of("dep-ci", Shares.class);

    assertThatThrownBy(
            () ->
                loader.load(
                    schema,
                    sources(null, null, Map.of("DEP_CI_LOW", "-0.5", "DEP_CI_HIGH", "1.0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("low must be greater than or equal to 0.0")
        .hasMessageContaining("high must be less than 1.0")
        .message()
        .doesNotContain("${");
  }
}
