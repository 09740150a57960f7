package io.ncwatch.eql.runtime;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code fe80::/10}, or one address), matched the way an
 * Elasticsearch {@code ip} field matches a CIDR term: every address is 128 bits, IPv4 as IPv4-mapped
 * IPv6, so {@code 10.0.0.0/8} is {@code ::ffff:10.0.0.0/104}.
 */
final class Cidr {
    private static final long IPV4_MAPPED = 0xFFFF_0000_0000L;

    private final long high;
    private final long low;
    private final long highMask;
    private final long lowMask;

    private Cidr(long high, long low, int bits) {
        this.highMask = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        this.lowMask = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
        this.high = high & highMask;
        this.low = low & lowMask;
    }

    /** Parses {@code address/bits} or a single address; a clear IllegalArgumentException otherwise. */
    static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        long[] parts = parseAddress(address);
        if (parts == null) {
            throw new IllegalArgumentException("invalid CIDR \"" + cidr + "\": not an IP address");
        }
        boolean ipv4 = address.indexOf(':') < 0;
        int max = ipv4 ? 32 : 128;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("invalid CIDR \"" + cidr + "\": prefix length must be 0 to " + max);
            }
        }
        return new Cidr(parts[0], parts[1], ipv4 ? bits + 96 : bits);
    }

    /** Whether the text is an IP address inside this network (false when it is not an IP address). */
    boolean contains(String ip) {
        long v4 = parseIpv4(ip);
        if (v4 >= 0) {
            return high == 0 && ((IPV4_MAPPED | v4) & lowMask) == low;
        }
        long[] parts = ip.indexOf(':') >= 0 ? parseAddress(ip) : null;
        return parts != null && (parts[0] & highMask) == high && (parts[1] & lowMask) == low;
    }

    /** The address as two 64-bit halves of its 128-bit form, or null when it is not an IP address. */
    static long[] parseAddress(String address) {
        long v4 = parseIpv4(address);
        if (v4 >= 0) {
            return new long[] {0, IPV4_MAPPED | v4};
        }
        if (address.indexOf(':') < 0 || !(address.charAt(0) == ':' || Character.digit(address.charAt(0), 16) >= 0)) {
            return null;
        }
        try {
            // Starting with a hex digit or ':' and holding ':', it is parsed as an IPv6 literal, never looked up.
            InetAddress parsed = InetAddress.getByName(address);
            byte[] bytes = parsed.getAddress();
            if (parsed instanceof Inet4Address) {
                return new long[] {0, IPV4_MAPPED | (toLong(bytes, 0, 4))};
            }
            return new long[] {toLong(bytes, 0, 8), toLong(bytes, 8, 8)};
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static long toLong(byte[] bytes, int from, int count) {
        long v = 0;
        for (int i = from; i < from + count; i++) {
            v = (v << 8) | (bytes[i] & 0xFF);
        }
        return v;
    }

    /** A dotted-quad IPv4 address as an unsigned 32-bit value, or -1; allocates nothing. */
    private static long parseIpv4(String s) {
        long value = 0;
        int octets = 0;
        int i = 0;
        int n = s.length();
        while (octets < 4) {
            int start = i;
            int octet = 0;
            while (i < n && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (octets < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? value : -1;
    }
}
