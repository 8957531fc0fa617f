package dev.velocitytrinity.depci.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A package of the repository's workspaces: its name, directory and package.json. */
record WorkspacePackage(String name, String dir, JsonNode manifest) {
  WorkspacePackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(manifest, "manifest");
  }
}
