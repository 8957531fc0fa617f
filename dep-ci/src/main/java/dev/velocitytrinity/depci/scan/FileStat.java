package dev.velocitytrinity.depci.scan;

/**
 * What a directory walk learns of a file for free: enough to trust a cached result for it without
 * reading it (the rule git uses for its index).
 */
public record FileStat(long size, long modifiedMillis) {}
