package io.quarkiverse.authgateway.runtime.forward;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.net.SocketAddress;

/**
 * The peers whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed: IP addresses and CIDR ranges,
 * compared on the bytes of the address (no name lookups).
 */
final class TrustedProxies {

    private static final String PROPERTY = "quarkus.auth-gateway.forwarding.trusted-proxies";

    private record Range(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new ConfigurationException(PROPERTY + " lists '" + entry + "', which is not an IP address or CIDR "
                        + "range (host names are not looked up)");
            }
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(trimmed.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new ConfigurationException(PROPERTY + " lists '" + entry + "', whose prefix length is not "
                            + "between 0 and " + bytes.length * 8);
                }
            }
            ranges.add(new Range(bytes, bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean trusts(SocketAddress peer) {
        if (ranges.isEmpty() || peer == null || peer.hostAddress() == null) {
            return false;
        }
        byte[] address = literal(peer.hostAddress());
        if (address == null) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal, or {@code null} for anything else: never a DNS lookup. */
    private static byte[] literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (address.isEmpty()
                || !(address.indexOf(':') >= 0 || address.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9'))) {
            return null;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(c == '.' || c == ':' || c == '%' || Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 16 && isMappedV4(bytes)) {
                return new byte[]{ bytes[12], bytes[13], bytes[14], bytes[15] };
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
