package dev.velocitytrinity.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretScrubberTest {

  private final SecretScrubber scrubber = SecretScrubber.withDefaults();

  /** Realistic log lines: (line, the secret that must vanish, text around it that must stay). */
  static Stream<Arguments> samples() {
    return Stream.of(
        sample(
            "cloning with token ghp_16C7e42F292c6912E7710c838347Ae178B4a done",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "cloning with token",
            "done"),
        sample(
            "oauth: gho_16C7e42F292c6912E7710c838347Ae178B4a",
            "gho_16C7e42F292c6912E7710c838347Ae178B4a",
            "oauth:"),
        sample(
            "user-to-server ghu_16C7e42F292c6912E7710c838347Ae178B4a expired",
            "ghu_16C7e42F292c6912E7710c838347Ae178B4a",
            "expired"),
        sample(
            "installation token ghs_16C7e42F292c6912E7710c838347Ae178B4a for repo acme/api",
            "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
            "for repo acme/api"),
        sample(
            "refresh=ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498",
            "ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498",
            "refresh="),
        sample(
            "GITHUB_TOKEN is github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP",
            "GITHUB_TOKEN is"),
        sample(
            "using AWS key AKIAIOSFODNN7EXAMPLE in us-east-1",
            "AKIAIOSFODNN7EXAMPLE",
            "using AWS key",
            "in us-east-1"),
        sample(
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key"),
        sample(
            "credentials: AKIAI44QH8DHBEXAMPLE je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY ok",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
            "ok"),
        sample(
            "posting to slack with xoxb-2934812-1234567890-AbCdEfGhIjKlMnOpQrStUvWx now",
            "xoxb-2934812-1234567890-AbCdEfGhIjKlMnOpQrStUvWx",
            "posting to slack with",
            "now"),
        sample(
            "user token xoxp-1111111111-2222222222-3333333333-abcdef0123456789abcdef0123456789",
            "xoxp-1111111111-2222222222-3333333333-abcdef0123456789abcdef0123456789",
            "user token"),
        sample(
            "webhook https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX failed",
            "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "webhook",
            "failed"),
        sample(
            "session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c accepted",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            "session",
            "accepted"),
        sample(
            "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\nloaded",
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg",
            "loaded"),
        sample(
            "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY----- parsed",
            "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn",
            "parsed"),
        sample(
            "{\"key\":\"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBkg4LVWM9nuwNSk\\n-----END EC PRIVATE KEY-----\\n\"}",
            "MHcCAQEEIBkg4LVWM9nuwNSk",
            "{\"key\":\""),
        sample(
            "GET /repos HTTP/1.1 Authorization: Bearer abc123def456ghi789jkl Accept: json",
            "abc123def456ghi789jkl",
            "GET /repos HTTP/1.1",
            "Accept: json"),
        sample("authorization: Basic dXNlcjpwYXNzd29yZA== sent", "dXNlcjpwYXNzd29yZA==", "sent"),
        sample(
            "headers {Authorization=token 0123456789abcdef0123, Host=api.github.com}",
            "0123456789abcdef0123",
            "Host=api.github.com"),
        sample(
            "connecting to https://deploy:s3cr3tP4ss@git.example.com/acme/api.git",
            "s3cr3tP4ss",
            "https://deploy:",
            "@git.example.com/acme/api.git"),
        sample(
            "redis at redis://:hunter2hunter2@cache.internal:6379/0 is up",
            "hunter2hunter2",
            "redis://:",
            "@cache.internal:6379/0 is up"),
        sample(
            "login failed for user=alice password=Tr0ub4dor&3 from 10.0.0.7",
            "Tr0ub4dor",
            "login failed for user=alice",
            "from 10.0.0.7"),
        sample(
            "POST /login?user=bob&passwd=letmein99&next=/home",
            "letmein99",
            "POST /login?user=bob&",
            "next=/home"),
        sample(
            "config token=tok_live_abcdef123456 workers=8",
            "tok_live_abcdef123456",
            "config",
            "workers=8"),
        sample("client_secret: 'qwertyuiopasdfgh' scope=read", "qwertyuiopasdfgh", "scope=read"),
        sample(
            "env API_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc loaded",
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "env",
            "loaded"),
        sample(
            "{\"user\":\"carol\",\"password\":\"p@ss w0rd!\",\"remember\":true}",
            "p@ss w0rd!",
            "{\"user\":\"carol\",\"password\":\"",
            "\",\"remember\":true}"),
        sample(
            "{\"apiKey\": \"AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY\", \"region\": \"eu\"}",
            "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
            "\"region\": \"eu\"}"),
        sample(
            "{\"message\":\"sent {\\\"client_secret\\\":\\\"abcd1234efgh\\\"} upstream\"}",
            "abcd1234efgh",
            "upstream\"}"),
        sample(
            "notifying jane.doe+ci@example.co.uk about build 42",
            "jane.doe+ci@example.co.uk",
            "notifying",
            "about build 42"),
        sample(
            "author: Bob <bob@corp.example.com> committed 3 files",
            "bob@corp.example.com",
            "author: Bob <",
            "> committed 3 files"),
        sample(
            "DB_PASSWORD: correct-horse-battery-staple",
            "correct-horse-battery-staple",
            "DB_PASSWORD:"),
        sample(
            "private_key=MIIEvQIBADANBgkqhkiG9w0BAQEFAASC end",
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
            "end"));
  }

  private static Arguments sample(String line, String secret, String... survivors) {
    return Arguments.of(line, secret, List.of(survivors));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("samples")
  void scrub_realisticLine_removesSecretKeepsContext(
      String line, String secret, List<String> survivors) {
    String clean = scrubber.scrub(line);

    assertThat(clean).doesNotContain(secret).contains("<redacted:");
    for (String survivor : survivors) {
      assertThat(clean).contains(survivor);
    }
  }

  @Test
  void samples_areAtLeastThirty() {
    assertThat(samples().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void scrub_plainText_isUnchanged() {
    String line =
        "built 1,204 files in 3.2 s; commit 3f786850e387550fdab836ed7e6dc881de23001b on main";
    assertThat(scrubber.scrub(line)).isSameAs(line);
  }

  @Test
  void scrub_exactConfiguredValue_removedEvenWithoutPattern() {
    SecretScrubber withValue = scrubber.withExactValues(List.of("plainword"));

    assertThat(withValue.scrub("the value plainword appears"))
        .isEqualTo("the value <redacted:configured-secret> appears");
  }

  @Test
  void scrub_tooShortExactValue_isIgnored() {
    SecretScrubber withValue = scrubber.withExactValues(List.of("abc"));

    assertThat(withValue.scrub("abcdef")).isEqualTo("abcdef");
  }

  @Test
  void scrub_nullAndEmpty_passThrough() {
    assertThat(scrubber.scrub(null)).isNull();
    assertThat(scrubber.scrub("")).isEmpty();
  }

  @Test
  void scrub_unterminatedPemBlock_removesToEnd() {
    String clean = scrubber.scrub("oops -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq");

    assertThat(clean).startsWith("oops ").doesNotContain("MIIEvQIBADANBgkq");
  }
}
