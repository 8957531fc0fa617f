package dev.velocitytrinity.livepatch.transport;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client's check of the agent's certificate: the JDK's PKIX validation against the given CA
 * (chain, validity, signatures, server-auth key usage, algorithm constraints), then the agent name
 * against the certificate's subject alternative names.
 *
 * <p>Why not the JDK's HTTPS endpoint identification: before it compares a name, the JDK asks
 * whether the chain ends at one of its public root CAs, which loads and parses the whole {@code
 * cacerts} store. A private CA never does, and that load cost each CLI run ~60 ms of CPU in the
 * middle of the TLS handshake. The name rules here are those of RFC 6125 minus what a private CA
 * never issues: an exact DNS name (case-insensitive), a wildcard only as the whole left-most label,
 * or an IP address against an IP address entry. No common-name fallback.
 */
final class AgentTrustManager extends X509ExtendedTrustManager {

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private final X509TrustManager pkix;
  private final String agentName;

  private AgentTrustManager(X509TrustManager pkix, String agentName) {
    this.pkix = pkix;
    this.agentName = agentName.toLowerCase(Locale.ROOT);
  }

  /** Trusts agent certificates issued by one of {@code cas} that name {@code agentName}. */
  static AgentTrustManager of(X509Certificate[] cas, String agentName)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < cas.length; i++) {
      store.setCertificateEntry("ca-" + i, cas[i]);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return new AgentTrustManager(x509, agentName);
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in this JDK");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    // The two-argument form validates the chain without any endpoint identification.
    pkix.checkServerTrusted(chain, authType);
    checkName(chain[0]);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks agents");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private void checkName(X509Certificate certificate) throws CertificateException {
    if (!names(certificate, agentName)) {
      List<String> carried = alternativeNames(certificate);
      throw new CertificateException(
          "the agent's certificate is not issued for '"
              + agentName
              + "': "
              + (carried.isEmpty()
                  ? "it has no DNS or IP subject alternative names (the common name is not"
                      + " consulted)"
                  : "its names are " + String.join(", ", carried))
              + "; pass --agent-name, or issue the agent a certificate with"
              + " 'livepatch certs init'");
    }
  }

  /** The DNS and IP subject alternative names of a certificate, as written in it. */
  static List<String> alternativeNames(X509Certificate certificate) throws CertificateException {
    Collection<List<?>> altNames;
    try {
      altNames = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("unreadable subject alternative names", e);
    }
    List<String> names = new ArrayList<>();
    if (altNames != null) {
      for (List<?> altName : altNames) {
        int type = (Integer) altName.get(0);
        if (type == DNS_NAME || type == IP_ADDRESS) {
          names.add(String.valueOf(altName.get(1)));
        }
      }
    }
    return names;
  }

  /**
   * Whether {@code certificate} carries {@code name} (lower case) as a subject alternative name.
   */
  static boolean names(X509Certificate certificate, String name) throws CertificateException {
    Collection<List<?>> altNames;
    try {
      altNames = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new CertificateException("unreadable subject alternative names", e);
    }
    if (altNames == null) {
      return false;
    }
    boolean ipLiteral = isIpLiteral(name);
    for (List<?> altName : altNames) {
      int type = (Integer) altName.get(0);
      String value = String.valueOf(altName.get(1)).toLowerCase(Locale.ROOT);
      if (ipLiteral
          ? type == IP_ADDRESS && sameAddress(value, name)
          : type == DNS_NAME && dns(value, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dns(String pattern, String name) {
    if (pattern.equals(name)) {
      return true;
    }
    if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) {
      return false;
    }
    int dot = name.indexOf('.');
    // "*.example.com" covers exactly one label: "a.example.com", not "example.com" or
    // "a.b.example.com".
    return dot > 0 && name.substring(dot).equals(pattern.substring(1));
  }

  /** Both are IP literals (no lookup happens), compared as addresses so "::1" equals "0:0:…:1". */
  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isIpLiteral(String name) {
    if (name.indexOf(':') >= 0) {
      return true;
    }
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }
}
