package dev.velocitytrinity.core.config;

import java.util.List;

/** Renders the settings registry as Markdown: the source of docs/config.md. */
public final class ConfigDocs {

  private ConfigDocs() {}

  public static String render(List<ConfigSchema<?>> schemas) {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration\n\n")
        .append("<!-- Generated from the settings registry by ConfigDocsMain; do not edit. -->\n\n")
        .append("Every setting can be given, strongest first, by a command-line flag (where the")
        .append(" command has one),\nan environment variable, the project file (`<tool>.yml` in")
        .append(" the working directory, or\n`--config FILE`), the user file")
        .append(" (`$XDG_CONFIG_HOME/velocity-trinity/<tool>.yml`, by default\n")
        .append("`~/.config/velocity-trinity/<tool>.yml`), or the default below.")
        .append(" `<tool> config show` prints\nthe effective value of each setting and where it")
        .append(" came from. Secret settings are never printed.\n\n")
        .append("Durations are written `500ms`, `30s`, `5m`, `1h` or `1d`; lists as YAML")
        .append(" sequences, or comma-separated\nin environment variables.\n");
    for (ConfigSchema<?> schema : schemas) {
      out.append("\n## ")
          .append(schema.tool())
          .append(" (`")
          .append(schema.projectFileName())
          .append("`)\n\n");
      out.append("| key | environment variable | type | default | description |\n");
      out.append("| --- | --- | --- | --- | --- |\n");
      for (Setting s : schema.settings()) {
        out.append("| `")
            .append(s.key())
            .append("` | `")
            .append(s.envVar())
            .append("` | ")
            .append(s.typeName())
            .append(" | ")
            .append(s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`")
            .append(" | ")
            .append(s.doc().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return out.toString();
  }
}
