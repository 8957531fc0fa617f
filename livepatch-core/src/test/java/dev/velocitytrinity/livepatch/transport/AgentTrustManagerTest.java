package dev.velocitytrinity.livepatch.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class AgentTrustManagerTest {

  private final CertificateAuthority ca = newCa("Test CA");
  private final X509Certificate agent =
      ca.issueServer("agent.dev", Duration.ofDays(1)).certificate();
  private final X509Certificate[] trusted = {ca.certificate().certificate()};

  private static CertificateAuthority newCa(String name) {
    return CertificateAuthority.create(
        name, Duration.ofDays(10), Clock.systemUTC(), new SecureRandom());
  }

  @Test
  void checkServerTrusted_nameOnCertificate_passes() throws Exception {
    for (String name : new String[] {"agent.dev", "AGENT.dev", "localhost", "127.0.0.1"}) {
      AgentTrustManager.of(trusted, name)
          .checkServerTrusted(new X509Certificate[] {agent}, "ECDHE_ECDSA");
    }
  }

  @Test
  void checkServerTrusted_otherName_isRefused() throws Exception {
    AgentTrustManager manager = AgentTrustManager.of(trusted, "someone-else");

    assertThatThrownBy(
            () -> manager.checkServerTrusted(new X509Certificate[] {agent}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("not issued for 'someone-else'")
        .hasMessageContaining("its names are agent.dev, localhost, 127.0.0.1")
        .hasMessageContaining("--agent-name");
  }

  @Test
  void checkServerTrusted_commonNameOnly_isRefusedSayingWhy() throws Exception {
    // The name only in the subject's common name, as some hand-made certificates have it.
    IssuedCertificate caPair = ca.certificate();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            caPair.certificate(),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofMinutes(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=agent.dev"),
            keys.getPublic());
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509Certificate cnOnly =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(caPair.privateKey())));
    AgentTrustManager manager = AgentTrustManager.of(trusted, "agent.dev");

    assertThatThrownBy(
            () -> manager.checkServerTrusted(new X509Certificate[] {cnOnly}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("no DNS or IP subject alternative names")
        .hasMessageContaining("common name is not consulted");
  }

  @Test
  void checkServerTrusted_otherCaOrClientOnlyCertificate_isRefused() throws Exception {
    X509Certificate foreign =
        newCa("Other CA").issueServer("agent.dev", Duration.ofDays(1)).certificate();
    // Right CA and name, but issued for client authentication only.
    X509Certificate clientOnly = ca.issueClient("agent.dev", Duration.ofDays(1)).certificate();
    AgentTrustManager manager = AgentTrustManager.of(trusted, "agent.dev");

    for (X509Certificate wrong : new X509Certificate[] {foreign, clientOnly}) {
      assertThatThrownBy(
              () -> manager.checkServerTrusted(new X509Certificate[] {wrong}, "ECDHE_ECDSA"))
          .isInstanceOf(CertificateException.class);
    }
  }

  @Test
  void names_wildcard_coversExactlyOneLeftLabel() throws Exception {
    X509Certificate wildcard = ca.issueServer("*.agents.dev", Duration.ofDays(1)).certificate();

    assertThat(AgentTrustManager.names(wildcard, "web.agents.dev")).isTrue();
    assertThat(AgentTrustManager.names(wildcard, "agents.dev")).isFalse();
    assertThat(AgentTrustManager.names(wildcard, "a.web.agents.dev")).isFalse();
  }

  @Test
  void names_ipLiteral_matchesOnlyAddressEntries() throws Exception {
    assertThat(AgentTrustManager.names(agent, "127.0.0.1")).isTrue();
    assertThat(AgentTrustManager.names(agent, "127.0.0.2")).isFalse();
    assertThat(AgentTrustManager.names(agent, "::1")).isFalse();
  }

  @Test
  void checkClientTrusted_always_refuses() throws Exception {
    X509Certificate client = ca.issueClient("alice", Duration.ofDays(1)).certificate();

    assertThatThrownBy(
            () ->
                AgentTrustManager.of(trusted, "alice")
                    .checkClientTrusted(new X509Certificate[] {client}, "EC"))
        .isInstanceOf(CertificateException.class);
  }
}
