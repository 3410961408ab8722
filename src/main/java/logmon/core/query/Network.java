package logmon.core.query;

/**
 * An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or single address, and the
 * address literals it is matched against. Written here because the JDK's only parser
 * ({@code InetAddress.getByName}) resolves anything that is not a literal through DNS: a query,
 * or a client field in a log line, must never reach the network.
 */
final class Network {

  private final byte[] prefix;
  private final int bits;

  private Network(byte[] prefix, int bits) {
    this.prefix = prefix;
    this.bits = bits;
  }

  /** {@code 10.0.0.0/8}, {@code 10.1.2.3}, {@code ::1}, {@code 2001:db8::/32}; null when it is none of these. */
  static Network parse(String text) {
    int slash = text.indexOf('/');
    byte[] address = address(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      return null;
    }
    int bits = address.length * 8;
    if (slash >= 0) {
      String length = text.substring(slash + 1);
      if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
        return null;
      }
      bits = Integer.parseInt(length);
      if (bits > address.length * 8) {
        return null;
      }
    }
    return new Network(address, bits);
  }

  boolean contains(String client) {
    byte[] address = client == null ? null : address(client);
    if (address == null || address.length != prefix.length) {
      return false;
    }
    int whole = bits / 8;
    for (int i = 0; i < whole; i++) {
      if (address[i] != prefix[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[whole] & mask) == (prefix[whole] & mask);
  }

  /** The address's 4 or 16 bytes, or null when the text is not an address literal. */
  static byte[] address(String text) {
    if (text.indexOf(':') >= 0) {
      return ipv6(text);
    }
    return ipv4Bytes(text);
  }

  private static byte[] ipv4Bytes(String text) {
    byte[] out = new byte[4];
    return ipv4(text, out, 0) ? out : null;
  }

  /** Four decimal parts 0–255 into out[at..at+3]. */
  private static boolean ipv4(String text, byte[] out, int at) {
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || part > 3) {
          return false;
        }
        out[at + part++] = (byte) value;
        value = -1;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = Math.max(value, 0) * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    return part == 4;
  }

  /** Eight groups of hex, one run of them written {@code ::}, the last two maybe a dotted IPv4; a zone ({@code %eth0}) ignored. */
  private static byte[] ipv6(String text) {
    int zone = text.indexOf('%');
    String s = zone >= 0 ? text.substring(0, zone) : text;
    if (s.length() < 2 || s.length() > 45) {
      return null;
    }
    byte[] out = new byte[16];
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap >= 0 ? s.substring(0, gap) : s;
    String tail = gap >= 0 ? s.substring(gap + 2) : "";
    byte[] headBytes = groups(head, true);
    byte[] tailBytes = groups(tail, true);
    if (headBytes == null || tailBytes == null) {
      return null;
    }
    if (gap < 0 ? headBytes.length != 16 : headBytes.length + tailBytes.length > 14) {
      return null;
    }
    System.arraycopy(headBytes, 0, out, 0, headBytes.length);
    System.arraycopy(tailBytes, 0, out, 16 - tailBytes.length, tailBytes.length);
    return out;
  }

  /** ASCII hex digits only (Character.digit takes other scripts' digits too). */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /** Colon-separated hex groups (the last may be a dotted IPv4) as bytes; "" is none. */
  private static byte[] groups(String s, boolean ipv4Last) {
    if (s.isEmpty()) {
      return new byte[0];
    }
    String[] parts = s.split(":", -1);
    if (parts.length > 8) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i == parts.length - 1 && ipv4Last && part.indexOf('.') >= 0) {
        byte[] v4 = new byte[4];
        if (!ipv4(part, v4, 0)) {
          return null;
        }
        out.writeBytes(v4);
        continue;
      }
      if (part.isEmpty() || part.length() > 4) {
        return null;
      }
      int value = 0;
      for (int k = 0; k < part.length(); k++) {
        int digit = hex(part.charAt(k));
        if (digit < 0) {
          return null;
        }
        value = value * 16 + digit;
      }
      out.write(value >> 8);
      out.write(value & 0xff);
    }
    return out.toByteArray();
  }
}
