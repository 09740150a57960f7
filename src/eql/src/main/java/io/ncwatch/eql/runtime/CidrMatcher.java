package io.ncwatch.eql.runtime;

import java.util.List;

/** {@code cidrMatch(field, ...)}: the value is an IP address inside one of the networks. */
public final class CidrMatcher implements ValueMatcher {
    private final Cidr[] networks;

    public CidrMatcher(List<String> cidrs) {
        this.networks = cidrs.stream().map(Cidr::parse).toArray(Cidr[]::new);
    }

    @Override
    public boolean test(Object value) {
        if (!(value instanceof String ip)) {
            return false;
        }
        for (Cidr network : networks) {
            if (network.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
