package io.jenkins.plugins.aliyun.registry.engine.push;

/**
 * Where one blob (a layer or an image config) of a push stands.
 *
 * @param id the blob's digest, or for a layer still being compressed its uncompressed digest
 * @param status what is happening to it
 * @param bytesDone bytes of the source read so far
 * @param bytesTotal bytes of the source in all, or -1 if unknown
 */
public record LayerProgress(String id, Status status, long bytesDone, long bytesTotal) {

    /** The stages of a blob. */
    public enum Status {
        /** The destination is being asked whether it has the blob. */
        CHECKING,
        /** The destination already has it: nothing is read or sent. */
        EXISTS,
        /** Mounted from another repository of the same registry: nothing is read or sent. */
        MOUNTED,
        /** Bytes are being sent. */
        UPLOADING,
        /** The destination has it now. */
        PUSHED
    }

    /** The first 12 hex digits of {@link #id()}, as docker shows layer ids. */
    public String shortId() {
        return shortId(id);
    }

    /**
     * A size for people: bytes below 1 KiB, else KiB or MiB with one decimal, rounded, with a dot
     * whatever the locale (e.g. "402 B", "4.5 KiB", "90.2 MiB").
     */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int shift = bytes < (1 << 20) ? 10 : 20;
        long tenths = (bytes * 10 + (1L << (shift - 1))) >> shift;
        return tenths / 10 + "." + tenths % 10 + (shift == 10 ? " KiB" : " MiB");
    }

    /** The size a finished blob is shown with: its total, else what was counted; null if neither is known. */
    public String finalSize() {
        long bytes = bytesTotal >= 0 ? bytesTotal : bytesDone;
        return bytes < 0 ? null : size(bytes);
    }

    /** The first 12 hex digits of a digest ({@code sha256:…}), as docker shows layer ids. */
    static String shortId(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon >= 0 ? digest.substring(colon + 1) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
