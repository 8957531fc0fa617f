/**
 * The agent's gRPC side: the {@code livepatch.v1.LivePatch} service, one {@code SyncSession} per
 * call, and the authorisation of clients by their certificate's common name (allow-list, deny-list
 * file). The server is built from a {@code ServerBuilder} the caller configured with mutual TLS.
 */
package dev.velocitytrinity.livepatch.agent.server;
