package dev.velocitytrinity.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random text with random secrets embedded anywhere: the secret never survives scrubbing. */
class SecretScrubberPropertyTest {

  private final SecretScrubber scrubber = SecretScrubber.withDefaults();

  record Embedded(String text, String secret) {}

  @Property(tries = 2000)
  void scrub_randomTextWithEmbeddedSecret_neverLeaks(@ForAll("embedded") Embedded sample) {
    assertThat(scrubber.scrub(sample.text())).doesNotContain(sample.secret());
  }

  @Property(tries = 500)
  void scrub_isIdempotent(@ForAll("embedded") Embedded sample) {
    String once = scrubber.scrub(sample.text());
    assertThat(scrubber.scrub(once)).isEqualTo(once);
  }

  @Provide
  Arbitrary<Embedded> embedded() {
    Arbitrary<String> filler =
        Arbitraries.strings()
            .withChars(" \t\n,;:()[]{}<>|'\"=/.-_")
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .ofMaxLength(40);
    Arbitrary<String> separator = Arbitraries.of(" ", "\n", "\t", " | ", ", ", "(", ") ", "\"");
    return Combinators.combine(filler, separator, secrets(), separator, filler)
        .as(
            (before, open, secret, close, after) ->
                new Embedded(before + open + secret.text() + close + after, secret.secret()));
  }

  /** A secret as it would appear in text, and the part of it that must never survive. */
  private Arbitrary<Embedded> secrets() {
    Arbitrary<String> alnum36 =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .ofLength(36);
    Arbitrary<String> word =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .ofMinLength(8)
            .ofMaxLength(24);
    Arbitrary<String> upper16 =
        Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofLength(16);
    Arbitrary<String> b64 =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('_', '-')
            .ofMinLength(10)
            .ofMaxLength(40);
    Arbitrary<String> user =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), alnum36)
            .as((p, s) -> new Embedded(p + s, p + s)),
        alnum36.map(s -> new Embedded("github_pat_" + s, s)),
        upper16.map(s -> new Embedded("AKIA" + s, "AKIA" + s)),
        upper16.map(
            s -> new Embedded("xoxb-" + s + "-" + s.toLowerCase(), s + "-" + s.toLowerCase())),
        Combinators.combine(b64, b64, b64)
            .as(
                (a, b, c) ->
                    new Embedded("eyJ" + a + ".eyJ" + b + "." + c, "eyJ" + a + ".eyJ" + b)),
        word.map(s -> new Embedded("Authorization: Bearer " + s, s)),
        Combinators.combine(user, word)
            .as((u, p) -> new Embedded("https://" + u + ":" + p + "@host.example.com/x", p)),
        Combinators.combine(
                Arbitraries.of("password", "token", "secret", "api_key", "DB_PASSWORD"), word)
            .as((k, v) -> new Embedded(k + "=" + v, v)),
        Combinators.combine(Arbitraries.of("password", "clientSecret", "api_key"), word)
            .as((k, v) -> new Embedded("{\"" + k + "\": \"" + v + "\"}", v)),
        Combinators.combine(user, user)
            .as((a, b) -> new Embedded(a + "@" + b + ".example.org", a + "@" + b + ".example.org")),
        word.map(
            s ->
                new Embedded(
                    "-----BEGIN PRIVATE KEY-----\n" + s + "\n-----END PRIVATE KEY-----", s)));
  }

  @Property(tries = 200)
  void withExactValues_anyConfiguredValue_neverLeaks(
      @ForAll("filler") String before,
      @ForAll("value") String value,
      @ForAll("filler") String after) {
    SecretScrubber configured = scrubber.withExactValues(List.of(value));
    assertThat(configured.scrub(before + value + after)).doesNotContain(value);
  }

  @Provide
  Arbitrary<String> filler() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30);
  }

  @Provide
  Arbitrary<String> value() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(6).ofMaxLength(20);
  }
}
