package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.IOException;
import java.util.List;

/** A manifest to write and the blobs that must be in place before it. */
interface ManifestPlan {

    /** The blobs, config first; empty for an index. */
    List<BlobSource> blobs();

    /** The manifest, given the blobs as they are in the destination (same order as {@link #blobs()}). */
    Manifest manifest(List<PushedBlob> pushed) throws IOException;

    /** A manifest whose bytes are known already (OCI layout, registry): pushed unchanged. */
    static ManifestPlan fixed(Manifest manifest, List<BlobSource> blobs) {
        return new ManifestPlan() {
            @Override
            public List<BlobSource> blobs() {
                return blobs;
            }

            @Override
            public Manifest manifest(List<PushedBlob> pushed) {
                return manifest;
            }
        };
    }
}
