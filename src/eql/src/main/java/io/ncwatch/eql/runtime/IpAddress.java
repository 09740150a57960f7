package io.ncwatch.eql.runtime;

/**
 * An IP address in the order of an {@code ip} field: its 128 bits (IPv4 as IPv4-mapped IPv6) as 32 hex
 * digits, so that equal addresses have one form however they are spelled, and text order is address order.
 */
final class IpAddress {
    private IpAddress() {}

    /** The sortable form, or null when the text is not an IP address. */
    static String sortable(String address) {
        long[] parts = address.isEmpty() ? null : Cidr.parseAddress(address);
        return parts == null ? null : String.format("%016x%016x", parts[0], parts[1]);
    }
}
