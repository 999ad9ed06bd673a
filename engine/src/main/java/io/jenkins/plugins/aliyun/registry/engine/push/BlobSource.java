package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A blob an image needs in the destination, and where its bytes come from.
 *
 * @param digest its digest, or null for a layer still to be compressed (known once streamed)
 * @param size its size, or -1 when not known in advance
 * @param mediaType its media type in the manifest
 * @param diffId the digest of the uncompressed layer, for the blob-info cache; null if none
 * @param mountFrom a repository of the destination registry holding it, or null
 * @param compress true if {@link #content} is an uncompressed tar to be gzip-compressed on the way
 * @param content opens the bytes (before compression when {@code compress})
 * @param contentSize the size of what {@link #content} gives, for progress; -1 if unknown
 */
record BlobSource(String digest, long size, String mediaType, String diffId, String mountFrom, boolean compress,
        Content content, long contentSize) {

    /** Opens a blob's bytes, once per try. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException, io.jenkins.plugins.aliyun.registry.engine.EngineException, InterruptedException;
    }

    static BlobSource known(String digest, long size, String mediaType, Content content) {
        return new BlobSource(digest, size, mediaType, null, null, false, content, size);
    }

    BlobSource mountableFrom(String repository) {
        return new BlobSource(digest, size, mediaType, diffId, repository, compress, content, contentSize);
    }

    /** What progress events call it: its digest, or for a layer still to be compressed its diff ID. */
    String progressId() {
        return digest != null ? digest : diffId;
    }

    /**
     * What it is in the destination when that is known without reading it: the blob itself for a
     * known digest, the compressed form the cache remembers for a tarball layer; empty otherwise.
     */
    Optional<PushedBlob> pushedForm(BlobInfoCache cache) {
        return digest != null ? Optional.of(new PushedBlob(digest, size, mediaType)) : cache.compressedFor(diffId);
    }

    /** A key under which two equal blobs of one push are pushed once. */
    String key() {
        return digest != null ? digest : "diff:" + diffId + "@" + System.identityHashCode(content);
    }
}
