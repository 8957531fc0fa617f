package dev.velocitytrinity.quantum.store;

/**
 * Proof of leadership: the lease owner and the fencing token it got when it took the lease. A write
 * carrying a fence is refused once another scheduler holds the lease, even if the old one still
 * believes it leads (a long GC pause, a partition).
 */
public record Fence(String owner, long token) {

  public Fence {
    if (owner == null || owner.isBlank() || owner.contains(":")) {
      throw new IllegalArgumentException("invalid lease owner: " + owner);
    }
  }

  String leaseValue() {
    return owner + ":" + token;
  }

  static Fence parse(String value) {
    int colon = value.lastIndexOf(':');
    return new Fence(value.substring(0, colon), Long.parseLong(value.substring(colon + 1)));
  }
}
