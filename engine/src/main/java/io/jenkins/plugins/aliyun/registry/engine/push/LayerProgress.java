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

    /** The first 12 hex digits of a digest ({@code sha256:…}), as docker shows layer ids. */
    static String shortId(String digest) {
        int colon = digest.indexOf(':');
        String hex = colon >= 0 ? digest.substring(colon + 1) : digest;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
