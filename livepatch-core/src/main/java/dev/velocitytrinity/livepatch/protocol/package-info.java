/**
 * Maps the engine's values to and from the {@code livepatch.v1} messages: manifest entries,
 * signatures (split into pages) and delta operations (batched into chunks with zstd literals).
 */
package dev.velocitytrinity.livepatch.protocol;
