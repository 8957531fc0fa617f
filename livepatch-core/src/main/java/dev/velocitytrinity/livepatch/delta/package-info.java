/**
 * The rsync algorithm: a {@link dev.velocitytrinity.livepatch.delta.Signature} of the old file
 * (weak rolling checksum plus xxh3-128 per block), a streaming {@link
 * dev.velocitytrinity.livepatch.delta.DeltaEncoder} that turns the new file into copy-block and
 * literal operations, and a {@link dev.velocitytrinity.livepatch.delta.PatchWriter} that rebuilds
 * the new file and checks its SHA-256. Memory grows with the number of blocks, never with file
 * size.
 */
package dev.velocitytrinity.livepatch.delta;
