package io.jenkins.plugins.aliyun.registry.engine.reference;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.regex.Pattern;

/** The digest grammar: {@code algorithm:hex}; sha256 digests have exactly 64 lowercase hex digits. */
public final class Digests {

    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern ATTEMPT = Pattern.compile("(?i)(?:sha256|sha384|sha512):.*|[0-9a-f]{32,}");

    private Digests() {}

    /** True if {@code digest} is a sha256 digest as registries write them. */
    public static boolean isSha256(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /**
     * True if {@code text} is a digest or an attempt at one (a known algorithm and a ':', or a long run
     * of hex digits): what may follow the '@' of a reference, unlike the host of {@code user:password@host}.
     */
    static boolean looksLikeDigest(String text) {
        return DIGEST.matcher(text).matches() || ATTEMPT.matcher(text).matches();
    }

    /** @param context the text the digest came from, quoted in the message; null to quote the digest alone */
    static void validate(String digest, String context) throws InvalidInputException {
        String in = context == null ? "" : " in \"" + context + "\"";
        if (!DIGEST.matcher(digest).matches()) {
            throw new InvalidInputException("digest \"" + digest + "\"" + in
                    + " is not valid: write it as \"sha256:\" followed by 64 hex digits");
        }
        if (digest.startsWith("sha256:") && !isSha256(digest)) {
            throw new InvalidInputException("digest \"" + digest + "\"" + in
                    + " is not valid: a sha256 digest has exactly 64 lowercase hex digits after \"sha256:\"");
        }
    }
}
