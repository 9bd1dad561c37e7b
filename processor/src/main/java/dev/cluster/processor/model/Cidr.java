package dev.cluster.processor.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block: parsing, and carving equal subnets from its start. */
public record Cidr(long address, int prefix) {
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  /** The block {@code text} stands for, if it is a well-formed IPv4 CIDR with no host bits set. */
  public static Optional<Cidr> parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return Optional.empty();
      }
      address = (address << 8) | octet;
    }
    int prefix = Integer.parseInt(m.group(5));
    if (prefix > 32 || (address & ~mask(prefix)) != 0) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(address, prefix));
  }

  /** The {@code index}-th subnet with {@code extraBits} more prefix bits. */
  public Cidr subnet(int extraBits, int index) {
    int newPrefix = prefix + extraBits;
    return new Cidr(address + ((long) index << (32 - newPrefix)), newPrefix);
  }

  public boolean contains(Cidr other) {
    return other.prefix >= prefix && (other.address & mask(prefix)) == address;
  }

  public boolean overlaps(Cidr other) {
    return contains(other) || other.contains(this);
  }

  /** The {@code n}-th address of the block, e.g. 1 for the first host, as a dotted quad. */
  public String host(int n) {
    long host = address + n;
    return (host >> 24 & 255)
        + "."
        + (host >> 16 & 255)
        + "."
        + (host >> 8 & 255)
        + "."
        + (host & 255);
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  @Override
  public String toString() {
    return (address >> 24 & 255)
        + "."
        + (address >> 16 & 255)
        + "."
        + (address >> 8 & 255)
        + "."
        + (address & 255)
        + "/"
        + prefix;
  }
}
