package dev.velocitytrinity.depci.resolve;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads package.json and tsconfig.json files. tsconfig files are JSONC (comments, trailing commas),
 * so the reader accepts both. A file that cannot be read or parsed is logged and skipped: one
 * broken manifest should cost its own resolutions, not the whole analysis.
 */
final class JsonFiles {

  private static final Logger LOG = LoggerFactory.getLogger(JsonFiles.class);

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .build();

  Optional<JsonNode> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = mapper.readTree(Files.readAllBytes(file));
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      LOG.warn(
          "{}: ignored, not valid JSON: {}", file, e.getMessage().lines().findFirst().orElse(""));
      return Optional.empty();
    }
  }

  /** A string field, if present and textual. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  /** A field holding a string or an array of strings, as a list. */
  static List<String> strings(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value.isTextual()) {
      out.add(value.asText());
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        if (item.isTextual()) {
          out.add(item.asText());
        }
      }
    }
    return out;
  }
}
