package io.cxmeter.gateway.protection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The address of the client a request comes from. The TCP peer, unless the peer is one of the
 * configured trusted proxies (the ingress controller): then the nearest address in
 * {@code Forwarded} or {@code X-Forwarded-For} that is not itself a trusted proxy. A client that
 * reaches the gateway directly cannot choose its address by sending those headers.
 */
final class ClientAddress {

    private final List<Cidr> trusted;

    ClientAddress(List<String> trustedProxies) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                cidrs.add(Cidr.parse(entry.trim()));
            }
        }
        this.trusted = List.copyOf(cidrs);
    }

    /** {@code peer}: the TCP peer's address; the headers as received (null when absent). */
    String of(String peer, String forwarded, String xForwardedFor) {
        if (peer == null) {
            return "unknown";
        }
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = forwarded != null ? forwardedFor(forwarded) : split(xForwardedFor);
        // From the nearest hop back: the first one not added by a trusted proxy is the client.
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.get(0);
    }

    private boolean isTrusted(String address) {
        byte[] bytes = Cidr.bytes(address);
        if (bytes == null) {
            return false;
        }
        for (Cidr cidr : trusted) {
            if (cidr.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(String header) {
        List<String> hops = new ArrayList<>();
        if (header != null) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }

    /** The {@code for=} addresses of an RFC 7239 header, quotes, brackets and ports taken off. */
    private static List<String> forwardedFor(String header) {
        List<String> hops = new ArrayList<>();
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
                    String value = kv[1].trim().replace("\"", "");
                    if (value.startsWith("[")) {
                        value = value.substring(1, value.indexOf(']') > 0 ? value.indexOf(']') : value.length());
                    } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
                        value = value.substring(0, value.indexOf(':'));
                    }
                    hops.add(value);
                }
            }
        }
        return hops;
    }

    /** An address range such as 10.0.0.0/8 or fd00::/8; a plain address is a range of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = bytes(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Not a CIDR prefix length: " + text);
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** The address's bytes, or null when it is not a literal IP address (never a DNS lookup). */
        static byte[] bytes(String address) {
            // Only IP literals: a dot or colon, and nothing but hex digits besides (never a host name).
            if (address == null || (address.indexOf('.') < 0 && address.indexOf(':') < 0)
                    || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return null;
            }
            try {
                return InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
