package dev.velocitytrinity.livepatch.transport;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The user's own certificate authority (EC P-256, ECDSA with SHA-256), issuing the agent's server
 * certificate and client certificates whose common name is the client's identity.
 */
public final class CertificateAuthority {

  private final IssuedCertificate ca;
  private final Clock clock;
  private final SecureRandom random;

  public CertificateAuthority(IssuedCertificate ca, Clock clock, SecureRandom random) {
    this.ca = ca;
    this.clock = clock;
    this.random = random;
  }

  /** A new self-signed CA valid from now for {@code validity}. */
  public static CertificateAuthority create(
      String name, Duration validity, Clock clock, SecureRandom random) {
    try {
      KeyPair keys = newKeyPair(random);
      X500Name subject = x500(name);
      Instant now = clock.instant();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(random),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(validity)),
              subject,
              keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate cert = sign(builder, keys.getPrivate());
      return new CertificateAuthority(
          new IssuedCertificate(cert, keys.getPrivate()), clock, random);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot create a CA: " + e.getMessage(), e);
    }
  }

  public IssuedCertificate certificate() {
    return ca;
  }

  /** A server certificate for the agent, valid for {@code name}, localhost and loopback. */
  public IssuedCertificate issueServer(String name, Duration validity) {
    return issue(name, validity, KeyPurposeId.id_kp_serverAuth, true);
  }

  /** A client certificate whose common name {@code name} is the identity the agent authorises. */
  public IssuedCertificate issueClient(String name, Duration validity) {
    return issue(name, validity, KeyPurposeId.id_kp_clientAuth, false);
  }

  private IssuedCertificate issue(
      String name, Duration validity, KeyPurposeId purpose, boolean server) {
    try {
      KeyPair keys = newKeyPair(random);
      Instant now = clock.instant();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              ca.certificate(),
              serial(random),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(validity)),
              x500(name),
              keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(ca.certificate()));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      builder.addExtension(Extension.subjectAlternativeName, false, altNames(name, server));
      return new IssuedCertificate(sign(builder, ca.privateKey()), keys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralNames altNames(String name, boolean server) {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, name));
    if (server) {
      names.add(new GeneralName(GeneralName.dNSName, "localhost"));
      try {
        names.add(
            new GeneralName(
                GeneralName.iPAddress, InetAddress.getByName("127.0.0.1").getHostAddress()));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return new GeneralNames(names.toArray(new GeneralName[0]));
  }

  private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, java.security.PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static X500Name x500(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  /** The public key of the CA, for checks. */
  public PublicKey publicKey() {
    return ca.certificate().getPublicKey();
  }
}
