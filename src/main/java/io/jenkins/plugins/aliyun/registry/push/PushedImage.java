package io.jenkins.plugins.aliyun.registry.push;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import java.util.List;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/**
 * What {@code pushImage} returns: {@code def pushed = pushImage(...); echo pushed.digest}. Readable
 * from sandboxed Pipelines.
 */
public final class PushedImage implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String reference;
    private final String pinnedReference;
    private final String digest;
    private final List<String> tags;

    PushedImage(String reference, String pinnedReference, String digest, List<String> tags) {
        this.reference = reference;
        this.pinnedReference = pinnedReference;
        this.digest = digest;
        this.tags = List.copyOf(tags);
    }

    /** The image with its primary tag, e.g. {@code registry.example.com/team/app:42}. */
    @Whitelisted
    public @NonNull String getReference() {
        return reference;
    }

    /** The manifest digest, {@code sha256:…}. */
    @Whitelisted
    public @NonNull String getDigest() {
        return digest;
    }

    /** Every tag written, the primary one first. */
    @Whitelisted
    public @NonNull List<String> getTags() {
        return tags;
    }

    /** {@code registry/repository@digest}: exactly this image, whatever happens to the tags later. */
    @Whitelisted
    public @NonNull String getPinnedReference() {
        return pinnedReference;
    }

    /** The reference and digest. */
    @Whitelisted
    @Override
    public String toString() {
        return reference + " (" + digest + ")";
    }
}
