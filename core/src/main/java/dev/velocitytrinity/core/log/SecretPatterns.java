package dev.velocitytrinity.core.log;

import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/** The built-in secret and PII patterns. Order matters: specific formats before generic pairs. */
public final class SecretPatterns {

  private SecretPatterns() {}

  // Words of SECRET_KEY, lower case: a line with none of them cannot hold a key=value secret.
  private static final String[] SECRET_KEY_WORDS = {
    "pass", "pwd", "secret", "token", "key", "credential"
  };

  // For patterns whose clue may sit anywhere inside the match: search the whole line when present.
  private static ToIntFunction<String> contains(String literal) {
    return text -> text.contains(literal) ? 0 : -1;
  }

  /**
   * For patterns whose every match starts with one of {@code literals}, at most {@code backoff}
   * characters before it: the search can begin there, and must not begin anywhere when none occurs.
   */
  private static ToIntFunction<String> startsNear(int backoff, String... literals) {
    return text -> {
      int first = -1;
      for (String literal : literals) {
        int at = text.indexOf(literal);
        if (at >= 0 && (first < 0 || at < first)) {
          first = at;
        }
      }
      return first < 0 ? -1 : Math.max(0, first - backoff);
    };
  }

  // Any secret-key word anywhere: the JSON pattern starts at the key's opening quote, before it.
  private static int mentionsSecretKey(String text) {
    for (String word : SECRET_KEY_WORDS) {
      if (text.contains(word)) {
        return 0;
      }
    }
    return -1;
  }

  // How each alternative of SECRET_WORDS begins.
  private static final String[] SECRET_WORD_STARTS = {
    "pass", "pwd", "secret", "token", "api", "access", "private", "credential", "auth"
  };

  // The text pair pattern starts at its secret word, so nothing before the first word can match.
  private static int firstSecretWord(String text) {
    int first = -1;
    for (String word : SECRET_WORD_STARTS) {
      int at = text.indexOf(word);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /** Where the first run of 40 base64 characters starts (an AWS secret key's shape), or -1. */
  private static int base64Run40(String text) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean base64 =
          (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '/'
              || c == '+'
              || (c >= 'A' && c <= 'Z');
      run = base64 ? run + 1 : 0;
      if (run >= 40) {
        return i - 39;
      }
    }
    return -1;
  }

  // Names of keys whose values are secrets, in key=value text and JSON alike.
  private static final String SECRET_WORDS =
      "password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey"
          + "|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key";
  private static final String SECRET_KEY = "[A-Za-z0-9_.-]*(?:" + SECRET_WORDS + ")[A-Za-z0-9_.-]*";

  /** All built-in patterns, in the order they are applied. */
  public static List<SecretPattern> defaults() {
    return List.of(
        // PEM private keys, also when a JSON encoder has turned the newlines into "\n".
        new SecretPattern(
            "private-key",
            Pattern.compile(
                "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?"
                    + "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\\z)"),
            0,
            0,
            text -> text.contains("private key-----") ? text.indexOf("-----begin ") : -1),
        new SecretPattern(
            "github-token",
            Pattern.compile("\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,255}\\b"),
            0,
            0,
            startsNear(0, "ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
        new SecretPattern(
            "github-token",
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,255}\\b"),
            0,
            0,
            startsNear(0, "github_pat_")),
        new SecretPattern(
            "slack-token",
            Pattern.compile(
                "\\bxox[abposre]-[A-Za-z0-9-]{10,250}|\\bxapp-[0-9]-[A-Za-z0-9-]{10,250}"),
            0,
            0,
            startsNear(0, "xox", "xapp-")),
        new SecretPattern(
            "slack-webhook",
            Pattern.compile("https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]+"),
            0,
            0,
            startsNear("https://".length(), "hooks.slack.com")),
        new SecretPattern(
            "jwt",
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
            0,
            0,
            startsNear(0, "eyj")),
        new SecretPattern(
            "aws-access-key-id",
            Pattern.compile(
                "\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"),
            0,
            0,
            startsNear(
                0, "akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "anpa", "anva", "aipa")),
        // Credentials in URLs: keep scheme and user, drop the password.
        new SecretPattern(
            "password",
            Pattern.compile(
                "(\\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\\s:/@\"'<>]*:)[^\\s@/\"'<>]+(@)"),
            1,
            2,
            startsNear(21, "://")), // the scheme: one letter, then at most 20 more
        // Authorization headers; the scheme word is kept.
        new SecretPattern(
            "credentials",
            Pattern.compile(
                "(?i)(\\b(?:proxy-)?authorization\\\\?\"?\\s*[:=]\\s*\\\\?\"?"
                    + "(?:bearer|basic|token|digest|bot)?\\s*)[^\\s\"'\\\\,;]+"),
            1,
            0,
            startsNear("proxy-".length(), "authorization")),
        new SecretPattern(
            "credentials",
            Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            1,
            0,
            startsNear(0, "bearer")),
        // JSON pairs ("password": "x"), also inside an escaped JSON string (\"password\":\"x\").
        new SecretPattern(
            "secret",
            Pattern.compile(
                "(?i)((\\\\?)\""
                    + SECRET_KEY
                    + "\\2\"\\s*:\\s*\\2\")(?:[^\"\\\\]|\\\\(?!\"))*+(\\2\")"),
            1,
            3,
            SecretPatterns::mentionsSecretKey),
        // key=value and key: value pairs in text, quoted or not. The match starts at the secret
        // word rather than the key's start (DB_PASSWORD): the key is kept anyway, and starting at a
        // literal alternation avoids backtracking over every word of the line.
        new SecretPattern(
            "secret",
            Pattern.compile(
                "(?i)((?:"
                    + SECRET_WORDS
                    + ")[A-Za-z0-9_.-]*"
                    + "\\s*(?:=|:(?!//))\\s*['\"]?)(?!<redacted)[^\\s'\"&,;<>]+"),
            1,
            0,
            SecretPatterns::firstSecretWord),
        // AWS secret access keys: 40 base64 characters with upper, lower case and a digit
        // (a git SHA is lower-case hex, so it is never taken for one).
        new SecretPattern(
            "aws-secret-key",
            Pattern.compile(
                "(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                    + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
            0,
            0,
            SecretPatterns::base64Run40),
        new SecretPattern(
            "email",
            Pattern.compile(
                "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"),
            0,
            0,
            contains("@")));
  }
}
