package dev.velocitytrinity.livepatch.transport;

import dev.velocitytrinity.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes PEM certificates and PKCS#8 private keys; keys are written 0600. */
public final class PemFiles {

  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private PemFiles() {}

  public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(certificate);
    }
    AtomicFiles.writeString(file, text.toString());
  }

  /** PKCS#8 (Netty rejects the SEC1 form BouncyCastle writes by default), owner-only. */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    AtomicFiles.writePrivate(file, text.toString().getBytes(StandardCharsets.US_ASCII));
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
