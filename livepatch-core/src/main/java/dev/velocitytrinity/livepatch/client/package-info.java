/**
 * The sync engine on the CLI side: compares the local tree with what the agent has (from the local
 * push record when the agent's tree hash confirms it, else from a full manifest), asks for block
 * signatures, streams deltas with flow control, commits, and keeps the push record. Takes a gRPC
 * {@code Channel}; whoever built the channel shuts it down. It lives in livepatch-core rather than
 * livepatch-cli so the agent's integration tests can drive a real sync without the two front ends
 * depending on each other; the {@code livepatch sync} command is a thin adapter over it.
 */
package dev.velocitytrinity.livepatch.client;
