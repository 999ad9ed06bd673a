package io.jenkins.plugins.aliyun.registry.engine.push;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Checks that a registry's certificate is issued for the host name or address the client connected
 * to, after the TLS handshake and before any request is written (as an HTTPS client's host name
 * verifier does).
 *
 * <p>The rules are those of RFC 6125 as Go applies them, so a certificate that docker and skopeo
 * accept is accepted here and the other way round: an IP address matches an IP address entry of the
 * subjectAltName only; a name matches a DNS entry exactly (case-insensitive, trailing dot ignored) or a
 * wildcard that is the whole leftmost label of an entry with at least two more labels ({@code
 * *.example.com} matches {@code a.example.com}, not {@code a.b.example.com} nor {@code example.com}).
 * The subject's common name is not used: Go stopped reading it in 1.15, and a certificate without a
 * subjectAltName gets its own message.
 *
 * <p>Why not the JDK's endpoint identification: on every first handshake it reads and fingerprints
 * the JDK's whole CA list ({@code AnchorCertificates}) only to decide how to treat wildcards, ~35 ms
 * of a push that has nothing to send (docs/performance.md).
 */
final class ServerIdentity {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServerIdentity() {}

    /**
     * @param host the host as given in the image reference: a name, an IPv4 address, or an IPv6
     *     address with or without brackets
     * @throws SSLPeerUnverifiedException if the certificate is not issued for {@code host}; the
     *     message says for which names it is issued and what to do
     */
    static void check(String host, X509Certificate certificate) throws SSLPeerUnverifiedException {
        List<String> names = new ArrayList<>();
        List<byte[]> addresses = new ArrayList<>();
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new SSLPeerUnverifiedException("the certificate's subjectAltName cannot be read: " + e.getMessage());
        }
        if (entries != null) {
            for (List<?> entry : entries) {
                Object type = entry.get(0);
                Object value = entry.get(1);
                if (type instanceof Integer t && t == DNS_NAME && value instanceof String name) {
                    names.add(name);
                } else if (type instanceof Integer t && t == IP_ADDRESS && value instanceof String address) {
                    byte[] a = literalAddress(address);
                    if (a != null) {
                        addresses.add(a);
                    }
                }
            }
        }
        if (names.isEmpty() && addresses.isEmpty()) {
            throw new SSLPeerUnverifiedException(NO_NAMES);
        }
        byte[] ip = literalAddress(host);
        if (ip != null) {
            for (byte[] a : addresses) {
                if (java.util.Arrays.equals(a, ip)) {
                    return;
                }
            }
        } else {
            String wanted = normalized(host);
            for (String name : names) {
                if (matches(wanted, normalized(name))) {
                    return;
                }
            }
        }
        throw new SSLPeerUnverifiedException(NOT_FOR_HOST + " " + host + " (it is issued for " + describe(names, entries) + ")");
    }

    /** Start of the message for a certificate issued for other names; {@link Diagnosis} looks for it. */
    static final String NOT_FOR_HOST = "the certificate is not issued for";

    /** The message for a certificate without names; {@link Diagnosis} looks for it. */
    static final String NO_NAMES = "the certificate has no subjectAltName (only a legacy common name, which docker, skopeo and this tool"
            + " do not use)";

    static boolean matches(String host, String pattern) {
        if (host.isEmpty() || pattern.isEmpty()) {
            return false;
        }
        if (!pattern.startsWith("*.")) {
            return pattern.indexOf('*') < 0 && pattern.equals(host);
        }
        String suffix = pattern.substring(1);
        // "*.com" would match every .com host: a wildcard needs two labels after it, as in Go
        if (suffix.indexOf('*') >= 0 || suffix.indexOf('.', 1) < 0) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(suffix);
    }

    private static String normalized(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid international name: compared as given, so it matches only itself
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** The bytes of an IPv4 or IPv6 literal, or null if {@code s} is not one (never a DNS lookup). */
    static byte[] literalAddress(String s) {
        String a = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = a.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            for (String part : a.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            // brackets make an IPv6 form that does not parse an error rather than a name lookup
            return InetAddress.getByName(v4 ? a : "[" + a + "]").getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String describe(List<String> names, Collection<List<?>> entries) {
        List<String> all = new ArrayList<>(names);
        for (List<?> entry : entries) {
            if (entry.get(0) instanceof Integer t && t == IP_ADDRESS) {
                all.add(String.valueOf(entry.get(1)));
            }
        }
        return all.size() <= 6 ? String.join(", ", all) : String.join(", ", all.subList(0, 6)) + " and " + (all.size() - 6) + " more";
    }
}
