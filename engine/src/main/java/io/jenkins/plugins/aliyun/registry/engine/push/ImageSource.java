package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.json.MalformedJsonException;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the image to push comes from: a {@code docker save} tarball, an OCI image layout, or an
 * image in a registry. The names follow skopeo's transports:
 * {@code docker-archive:PATH}, {@code oci:DIR[:TAG]}, {@code docker://REFERENCE}. In {@code oci:},
 * the first colon after the directory starts the tag, except the colon of a Windows drive
 * ({@code oci:C:\layout:v1}).
 */
public abstract class ImageSource {

    /** A Windows drive at the start of a path: {@code C:\} or {@code C:/}. */
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:[\\\\/]");

    ImageSource() {}

    /**
     * A tarball as {@code docker save} or {@code kaniko --tar-path} write it (one image). Its layers
     * are gzip-compressed on the way unless they already are; the pushed digest is that of the
     * Docker v2 manifest built for them.
     */
    public static ImageSource dockerArchive(Path tarball) {
        return new DockerArchiveSource(Objects.requireNonNull(tarball, "tarball"));
    }

    /**
     * An OCI image layout directory (umoci, buildah, {@code kaniko --oci-layout-path}). The image
     * (or index) tagged {@code tag} in {@code index.json} is pushed unchanged, so its digest stays the
     * same; {@code tag} may be null when the layout holds one image.
     */
    public static ImageSource ociLayout(Path directory, String tag) {
        return new OciLayoutSource(Objects.requireNonNull(directory, "directory"), tag == null || tag.isEmpty() ? null : tag);
    }

    /**
     * An image in a registry, copied unchanged (every platform of an index); blobs the destination
     * registry has in the source repository are mounted, not downloaded.
     */
    public static ImageSource registry(ImageReference image, RegistryAccess access) {
        return new RegistrySource(Objects.requireNonNull(image, "image"), Objects.requireNonNull(access, "access"));
    }

    /**
     * Parses {@code docker-archive:PATH}, {@code oci:DIR[:TAG]} or {@code docker://REFERENCE}.
     *
     * @param registryAccess how to reach the registry of a {@code docker://} source
     * @throws InvalidInputException for any other form
     */
    public static ImageSource parse(String source, RegistryAccess registryAccess) throws InvalidInputException {
        return parse(source, registryAccess, null);
    }

    /**
     * Like {@link #parse(String, RegistryAccess)}, with relative paths of {@code docker-archive:} and
     * {@code oci:} sources taken relative to {@code baseDirectory} (e.g. a build's workspace).
     *
     * @param baseDirectory the directory relative paths start from; null for the current directory
     */
    public static ImageSource parse(String source, RegistryAccess registryAccess, Path baseDirectory) throws InvalidInputException {
        Spec spec = split(source);
        if (spec.image() != null) {
            return registry(spec.image(), registryAccess);
        }
        try {
            return spec.archive() != null
                    ? dockerArchive(resolve(baseDirectory, spec.archive()))
                    : ociLayout(resolve(baseDirectory, spec.ociDirectory()), spec.ociTag());
        } catch (InvalidPathException e) {
            throw new InvalidInputException("image source \"" + source + "\" is not a valid path: " + e.getReason());
        }
    }

    /**
     * Checks a source's syntax as {@link #parse} does, except that a path is not judged by this
     * machine's file system: on a Jenkins controller the path is the agent's, which may run another
     * operating system (a Linux file name may hold {@code :}, which Windows refuses).
     *
     * @return the registry ({@code host[:port]}) of a {@code docker://} source; empty for local sources
     */
    public static Optional<String> checkSyntax(String source) throws InvalidInputException {
        return Optional.ofNullable(split(source).image()).map(ImageReference::getRegistry);
    }

    /** A source split into its parts: exactly one of {@code archive}, {@code ociDirectory} or {@code image} is set. */
    private record Spec(String archive, String ociDirectory, String ociTag, ImageReference image) {}

    private static Spec split(String source) throws InvalidInputException {
        if (source == null || source.isBlank()) {
            throw new InvalidInputException("image source is empty: give docker-archive:PATH, oci:DIR[:TAG] or docker://REFERENCE");
        }
        if (source.startsWith("docker-archive:")) {
            String path = source.substring("docker-archive:".length());
            if (path.isEmpty()) {
                throw new InvalidInputException("image source \"" + source + "\" has no path: write docker-archive:/path/to/image.tar");
            }
            return new Spec(path, null, null, null);
        }
        if (source.startsWith("oci:")) {
            String rest = source.substring("oci:".length());
            // A Windows drive (oci:C:\layout:tag) is part of the directory, not a tag separator.
            int colon = rest.indexOf(':', WINDOWS_DRIVE.matcher(rest).lookingAt() ? 2 : 0);
            String dir = colon < 0 ? rest : rest.substring(0, colon);
            String tag = colon < 0 ? null : rest.substring(colon + 1);
            if (dir.isEmpty()) {
                throw new InvalidInputException("image source \"" + source + "\" has no directory: write oci:/path/to/layout[:tag]");
            }
            return new Spec(null, dir, tag, null);
        }
        if (source.startsWith("docker://")) {
            return new Spec(null, null, null, ImageReference.parse(source.substring("docker://".length())));
        }
        if (ImageReference.containsLogin(source)) {
            throw new InvalidInputException("image source contains a login before '@' (user:password@host): never put credentials into an image source;"
                    + " give them as registry credentials and write the source as docker://host/namespace/name:tag");
        }
        if (source.startsWith("docker-daemon:") || source.startsWith("containers-storage:")) {
            throw new InvalidInputException("image source \"" + source + "\" needs a container engine: save the image first"
                    + " (docker save -o image.tar IMAGE) and push docker-archive:image.tar");
        }
        throw new InvalidInputException("image source \"" + source + "\" has no known transport: write docker-archive:PATH, oci:DIR[:TAG]"
                + " or docker://REFERENCE");
    }

    private static Path resolve(Path baseDirectory, String path) {
        return baseDirectory == null ? Path.of(path) : baseDirectory.resolve(path);
    }

    /** The registry ({@code host[:port]}) a {@code docker://} source reads from; empty for local sources. */
    public final Optional<String> registryHost() {
        return registryImage().map(ImageReference::getRegistry);
    }

    /** The registry image this source reads, if it is one. */
    Optional<ImageReference> registryImage() {
        return Optional.empty();
    }

    /** How to reach {@link #registryImage()}. */
    RegistryAccess access() {
        return RegistryAccess.anonymous();
    }

    /**
     * Reads what is to be pushed. Local sources read their metadata only (no layer data) and need no
     * client; a registry source reads its manifests through {@code client}.
     *
     * @param client the client for {@link #registryImage()}'s registry, or null for local sources
     * @param mountable true if the destination is the same registry, so blobs can be mounted
     */
    abstract SourceImage read(RegistryClient client, boolean mountable) throws EngineException, IOException, InterruptedException;

    /** The source in skopeo's transport syntax. */
    @Override
    public abstract String toString();

    /**
     * {@code bytes} parsed as JSON; when they are not JSON, an input error naming {@code what} (the
     * source and file, e.g. "docker archive x.tar: manifest.json") with the fix {@code fix}.
     */
    static JsonValue parseJson(byte[] bytes, String what, String fix) throws InvalidInputException {
        try {
            return JsonValue.parse(bytes);
        } catch (MalformedJsonException e) {
            throw new InvalidInputException(what + " is not valid JSON (" + e.getMessage() + "): " + fix);
        }
    }
}
