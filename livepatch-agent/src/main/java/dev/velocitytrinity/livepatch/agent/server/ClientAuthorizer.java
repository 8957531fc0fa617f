package dev.velocitytrinity.livepatch.agent.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only if the TLS peer presented a certificate (the handshake already checked
 * it against the CA) whose common name is allowed and not on the deny-list. The deny-list file is
 * read on every call, so revoking a name takes effect at once; an unreadable deny-list denies all.
 */
final class ClientAuthorizer implements ServerInterceptor {

  static final Context.Key<String> CLIENT = Context.key("livepatch-client");

  private static final Logger LOG = LoggerFactory.getLogger(ClientAuthorizer.class);

  private final Set<String> allow;
  private final Optional<Path> denyList;

  ClientAuthorizer(Set<String> allow, Optional<Path> denyList) {
    this.allow = Set.copyOf(allow);
    this.denyList = denyList;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<String> name = clientName(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    if (name.isEmpty()) {
      return refuse(
          call, Status.UNAUTHENTICATED.withDescription("a client certificate is required"));
    }
    String client = name.get();
    Set<String> denied;
    try {
      denied = denied();
    } catch (IOException e) {
      LOG.error("deny-list {} is unreadable; refusing every client", denyList.orElseThrow());
      return refuse(
          call, Status.PERMISSION_DENIED.withDescription("the agent's deny-list is unreadable"));
    }
    if (denied.contains(client)) {
      LOG.warn("refused revoked client '{}'", client);
      return refuse(
          call, Status.PERMISSION_DENIED.withDescription("client '" + client + "' is revoked"));
    }
    if (!allow.isEmpty() && !allow.contains(client)) {
      LOG.warn("refused client '{}': not on the allow-list", client);
      return refuse(
          call,
          Status.PERMISSION_DENIED.withDescription(
              "client '" + client + "' is not on the agent's allow-list"));
    }
    Context context = Context.current().withValue(CLIENT, client);
    return Contexts.interceptCall(context, call, headers, next);
  }

  private Set<String> denied() throws IOException {
    if (denyList.isEmpty()) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    for (String line : Files.readAllLines(denyList.get(), StandardCharsets.UTF_8)) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }

  static Optional<String> clientName(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
        return Optional.empty();
      }
      LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
      for (Rdn rdn : dn.getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return Optional.of(String.valueOf(rdn.getValue()));
        }
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return Optional.empty();
    }
  }
}
