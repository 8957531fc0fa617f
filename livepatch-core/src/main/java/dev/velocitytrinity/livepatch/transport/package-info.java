/**
 * Mutual TLS for LivePatch: a BouncyCastle certificate authority that issues the agent's and the
 * clients' certificates (EC P-256), PEM files written 0600, and TLS 1.3-only BoringSSL contexts for
 * gRPC servers and channels. This is LivePatch's own TLS package; no other tool needs it yet.
 */
package dev.velocitytrinity.livepatch.transport;
