package dev.velocitytrinity.livepatch.transport;

import dev.velocitytrinity.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * Reads and writes PEM certificates and PKCS#8 private keys; keys are written 0600.
 *
 * <p>Only the JDK is used here, on purpose: this class is loaded by every {@code sync}, and merely
 * referring to a BouncyCastle class makes the JVM open BouncyCastle's signed jars and verify their
 * signatures (hashing a manifest with thousands of entries), which cost a short-lived CLI ~150 ms
 * of CPU before the TLS context could be built; classes from signed jars are never in a
 * class-data-sharing archive either.
 */
public final class PemFiles {

  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";
  private static final String CERT_BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String CERT_END = "-----END CERTIFICATE-----";

  private PemFiles() {}

  public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    try {
      AtomicFiles.writeString(file, pem(CERT_BEGIN, certificate.getEncoded(), CERT_END));
    } catch (CertificateEncodingException e) {
      throw new IOException("cannot encode certificate for " + file, e);
    }
  }

  /** PKCS#8 (Netty rejects the SEC1 form some tools write), owner-only. */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
      throw new IOException("cannot write a " + key.getFormat() + " private key as PKCS#8");
    }
    AtomicFiles.writePrivate(
        file, pem(PKCS8_BEGIN, key.getEncoded(), PKCS8_END).getBytes(StandardCharsets.US_ASCII));
  }

  /** RFC 7468 text: Base64 in 64-character lines between the labels. */
  private static String pem(String begin, byte[] der, String end) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return begin + "\n" + body + "\n" + end + "\n";
  }

  public static void write(Path certFile, Path keyFile, IssuedCertificate issued)
      throws IOException {
    writePrivateKey(keyFile, issued.privateKey());
    writeCertificate(certFile, issued.certificate());
  }

  /** The first certificate in a PEM file (read by the JDK, so no BouncyCastle start-up cost). */
  public static X509Certificate readCertificate(Path file) throws IOException {
    X509Certificate[] chain = readCertificates(file);
    return chain[0];
  }

  /** All certificates in a PEM file, in order. */
  public static X509Certificate[] readCertificates(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IOException(file + ": no PEM certificate");
      }
      return certs.toArray(new X509Certificate[0]);
    } catch (CertificateException e) {
      throw new IOException(file + ": not a PEM certificate", e);
    }
  }

  /** An unencrypted PKCS#8 PEM private key (EC or RSA), as {@link #writePrivateKey} writes. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf(PKCS8_BEGIN);
    int end = text.indexOf(PKCS8_END);
    if (begin < 0 || end < begin) {
      throw new IOException(
          file + ": not an unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": damaged PEM private key");
    }
    for (String algorithm : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
        // try the next algorithm
      }
    }
    throw new IOException(file + ": unsupported private key type");
  }
}
