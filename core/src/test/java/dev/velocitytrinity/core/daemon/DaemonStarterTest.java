package dev.velocitytrinity.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonStarterTest {

  @Test
  void environment_keepsWhatStartingNeeds_dropsTheRest_addsTheExtras() {
    Map<String, String> current =
        Map.of(
            "PATH", "/usr/bin",
            "HOME", "/home/dev",
            "LC_ALL", "C.UTF-8",
            "XDG_RUNTIME_DIR", "/run/user/1000",
            "VT_JAVA_OPTS", "-Xmx1g",
            "JAVA_HOME", "/opt/jdk",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "GITHUB_TOKEN", "ghp_0123456789abcdef0123456789abcdef0123",
            "LIVEPATCH_AGENT_ADDRESS", "10.0.0.5:7443");

    Map<String, String> env =
        DaemonStarter.environment(
            current, Map.of("VT_CDS", "use", "LIVEPATCH_AGENT_ADDRESS", "10.0.0.5:7443"));

    assertThat(env)
        .containsOnlyKeys(
            "PATH",
            "HOME",
            "LC_ALL",
            "XDG_RUNTIME_DIR",
            "VT_JAVA_OPTS",
            "JAVA_HOME",
            "VT_CDS",
            "LIVEPATCH_AGENT_ADDRESS")
        .containsEntry("VT_CDS", "use")
        .containsEntry("LC_ALL", "C.UTF-8");
  }
}
