package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.json.MalformedJsonException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A manifest or index exactly as bytes: pushed as they are, so its digest never changes.
 *
 * @param mediaType the Content-Type it is served and pushed with
 * @param bytes the JSON bytes
 */
record Manifest(String mediaType, byte[] bytes) {

    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    /** What we ask a registry for: every manifest kind we can copy. */
    static final String ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);

    private static final Set<String> INDEXES = Set.of(DOCKER_LIST, OCI_INDEX);
    private static final Set<String> IMAGES = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);

    /** {@code sha256:<hex>} of the bytes. */
    String digest() {
        return sha256(bytes);
    }

    boolean isIndex() {
        return INDEXES.contains(mediaType);
    }

    static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    static boolean isImage(String mediaType) {
        return IMAGES.contains(mediaType);
    }

    JsonValue json() throws MalformedJsonException {
        return JsonValue.parse(bytes);
    }

    /**
     * The media type of manifest bytes: the {@code mediaType} field, else guessed from the shape
     * (an OCI manifest or index may omit it).
     */
    static String mediaTypeOf(JsonValue node, String fallback) {
        JsonValue mt = node.get("mediaType");
        if (mt.isString()) {
            return mt.text("");
        }
        if (!node.get("manifests").isMissing()) {
            return OCI_INDEX;
        }
        if (!node.get("layers").isMissing()) {
            return OCI_MANIFEST;
        }
        return fallback;
    }

    /** The descriptors an image manifest refers to: config first, then the layers. */
    static List<Descriptor> blobsOf(JsonValue image) {
        List<Descriptor> out = new ArrayList<>();
        out.add(Descriptor.of(image.get("config")));
        for (JsonValue l : image.get("layers").elements()) {
            out.add(Descriptor.of(l));
        }
        return out;
    }

    /** The child manifests an index refers to. */
    static List<Descriptor> childrenOf(JsonValue index) {
        List<Descriptor> out = new ArrayList<>();
        for (JsonValue m : index.get("manifests").elements()) {
            out.add(Descriptor.of(m));
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** A content descriptor: media type, digest, size. */
    record Descriptor(String mediaType, String digest, long size, JsonValue node) {
        static Descriptor of(JsonValue n) {
            if (!n.isObject() || !n.get("digest").isString()) {
                throw new IllegalArgumentException("a descriptor without a digest");
            }
            return new Descriptor(n.get("mediaType").text(""), n.get("digest").text(""), n.get("size").longValue(-1), n);
        }

        /** True for layers a registry must not be sent (foreign / non-distributable). */
        boolean nonDistributable() {
            return mediaType.contains("nondistributable") || mediaType.contains("foreign");
        }
    }
}
