package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.reference.ImageReference;
import io.jenkins.plugins.aliyun.registry.engine.reference.Tags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Pushes an image into a registry without a Docker daemon.
 *
 * <pre>{@code
 * PushResult result = ImagePush.from(ImageSource.dockerArchive(Path.of("image.tar")))
 *     .to(ImageReference.parse("crpi-xxxx.cn-hangzhou.personal.cr.aliyuncs.com/team/app:42"),
 *         RegistryAccess.anonymous().withCredentials(credentials))
 *     .additionalTags(List.of("latest"))
 *     .cacheDirectory(Path.of(System.getProperty("user.home"), ".cache/aliyun-cr"))
 *     .listener(listener)
 *     .push();
 * result.digest();   // sha256:…
 * }</pre>
 *
 * Blobs go first (several at once), each only if the destination lacks it; the manifest is written
 * last, once per tag, so a failed push never leaves a tag pointing at an incomplete image. From an
 * OCI layout or a registry the manifest is pushed byte for byte: the digest is the source's.
 */
public final class ImagePush {

    private static final int DEFAULT_PARALLELISM = 4;

    private final ImageSource source;
    private ImageReference target;
    private RegistryAccess targetAccess = RegistryAccess.anonymous();
    private final List<String> additionalTags = new ArrayList<>();
    private Path cacheDirectory;
    private PushListener listener = PushListener.NONE;
    private int parallelism = DEFAULT_PARALLELISM;
    private Retry retry = Retry.DEFAULT;

    private ImagePush(ImageSource source) {
        this.source = source;
    }

    /** Starts a push of {@code source}. */
    public static ImagePush from(ImageSource source) {
        return new ImagePush(Objects.requireNonNull(source, "source"));
    }

    /**
     * Where to push: the reference's registry and repository, its tag as the primary tag (a reference
     * without a tag gets {@code latest}), and how to reach that registry.
     */
    public ImagePush to(ImageReference destination, RegistryAccess access) {
        this.target = Objects.requireNonNull(destination, "destination");
        this.targetAccess = Objects.requireNonNull(access, "access");
        return this;
    }

    /** Tags to write besides the primary one (validated by {@link #push()}). */
    public ImagePush additionalTags(Collection<String> tags) {
        additionalTags.addAll(tags);
        return this;
    }

    /**
     * A directory to remember compressed layer digests in between pushes (created if missing); a
     * repeat push of the same tarball then skips reading and compressing layers the registry has.
     */
    public ImagePush cacheDirectory(Path directory) {
        this.cacheDirectory = directory;
        return this;
    }

    /** Receives progress and log events. */
    public ImagePush listener(PushListener newListener) {
        this.listener = Objects.requireNonNull(newListener, "listener");
        return this;
    }

    /**
     * Starts, on a daemon thread, the JDK's one-time TLS initialisation that every push needs, so that
     * it overlaps whatever the process does before {@link #push()} (reading arguments and files).
     * Worth calling first thing in a short-lived process; harmless anywhere else, and at most once.
     */
    public static void warmUp() {
        TlsWarmUp.start();
    }

    /** How many blobs move at once (default 4). */
    public ImagePush parallelism(int blobs) {
        if (blobs < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = blobs;
        return this;
    }

    ImagePush retry(Retry newRetry) {
        this.retry = newRetry;
        return this;
    }

    /**
     * Pushes. Input problems (source missing or malformed, bad tags, bad CA certificate) are
     * reported before any network call.
     *
     * @throws InvalidInputException if the source, destination or tags cannot be used
     * @throws RegistryException if a registry cannot be reached or refuses the push
     * @throws IOException if a local file cannot be read
     */
    public PushResult push() throws EngineException, IOException, InterruptedException {
        if (target == null) {
            throw new IllegalStateException("call to(destination, access) before push()");
        }
        String primary = target.getTag().orElseThrow(() -> new InvalidInputException("destination " + target
                + " has no tag: give one, e.g. " + target.getName() + ":1.0"));
        Set<String> tags = new LinkedHashSet<>();
        tags.add(primary);
        for (String t : additionalTags) {
            Tags.validate(t);
            tags.add(t);
        }
        ImageReference destination = target.withTag(primary);
        BlobInfoCache cache = cacheDirectory == null ? BlobInfoCache.inMemory() : BlobInfoCache.open(cacheDirectory);
        Optional<ImageReference> sourceImage = source.registryImage();
        boolean sameRegistry = sourceImage.isPresent() && sourceImage.get().getRegistry().equals(destination.getRegistry());
        boolean mountable = sameRegistry && !sourceImage.get().getRepository().equals(destination.getRepository());

        List<RegistryClient> clients = new ArrayList<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "image-push-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            // The TLS trust (CA certificate, the JDK's CA list when no CA is given) is built while the
            // source is read: both are local work, and each costs tens of milliseconds at start.
            // Input errors still come before any network call: both are awaited before connecting.
            Future<SSLContext> destTrust = pool.submit(() -> RegistryTrust.sslContext(targetAccess));
            Future<SSLContext> sourceTrust = sourceImage.isPresent() ? pool.submit(() -> RegistryTrust.sslContext(source.access())) : null;
            SourceImage local = sourceImage.isEmpty() ? source.read(null, false) : null;
            SSLContext destContext = await(destTrust);
            SSLContext sourceContext = sourceTrust == null ? null : await(sourceTrust);
            List<String> scopes = new ArrayList<>();
            scopes.add(destination.getRepository() + ":pull,push");
            if (mountable) {
                scopes.add(sourceImage.get().getRepository() + ":pull");
            }
            RegistryClient dest = RegistryClient.open(destination.getRegistry(), targetAccess, destContext, scopes, listener, retry);
            clients.add(dest);
            SourceImage image = local;
            if (image == null) {
                ImageReference s = sourceImage.get();
                RegistryClient from = sameRegistry ? dest
                        : RegistryClient.open(s.getRegistry(), source.access(), sourceContext, List.of(s.getRepository() + ":pull"), listener, retry);
                clients.add(from);
                image = source.read(from, mountable);
            }
            String repo = destination.getRepository();
            Optional<String> present = alreadyPushed(image, cache, dest, repo, tags, pool);
            if (present.isPresent()) {
                listener.log(destination.getName() + " already has " + present.get() + " under every tag; nothing to push");
                return new PushResult(destination, present.get(), List.copyOf(tags));
            }
            listener.log("pushing " + source + " to " + destination);
            Map<String, PushedBlob> pushed = pushBlobs(image, dest, repo, cache, pool);
            for (ManifestPlan child : image.children()) {
                Manifest m = child.manifest(pushedFor(child, pushed));
                dest.putManifest(repo, m.digest(), m);
            }
            Manifest top = image.top().manifest(pushedFor(image.top(), pushed));
            String digest = top.digest();
            for (String tag : tags) {
                String reported = dest.putManifest(repo, tag, top);
                if (!reported.equals(digest)) {
                    listener.log("the registry reports digest " + reported + " for " + destination.getName() + ":" + tag
                            + ", not the " + digest + " of the manifest sent");
                }
            }
            listener.log("pushed " + destination + "@" + digest);
            return new PushResult(destination, digest, List.copyOf(tags));
        } finally {
            pool.shutdownNow();
            clients.forEach(RegistryClient::close);
        }
    }

    /**
     * The repeat-push short cut: when every blob's destination digest is known without reading it
     * (a known digest, or a tarball layer the cache maps), the top manifest is known too; if every
     * tag already points at it, the registry has the image (it checked the blobs when the manifest was
     * written) and nothing needs to be sent. Costs one {@code HEAD} per tag, sent at once. A registry
     * that leaves out {@code Docker-Content-Digest} gets the full push.
     */
    private Optional<String> alreadyPushed(SourceImage image, BlobInfoCache cache, RegistryClient dest, String repo, Set<String> tags,
            ExecutorService pool) throws EngineException, IOException, InterruptedException {
        List<PushedBlob> predicted = new ArrayList<>();
        for (BlobSource b : image.top().blobs()) {
            Optional<PushedBlob> known = b.pushedForm(cache);
            if (known.isEmpty()) {
                return Optional.empty();
            }
            predicted.add(known.get());
        }
        String digest = image.top().manifest(predicted).digest();
        List<Future<Optional<String>>> heads = new ArrayList<>();
        for (String tag : tags) {
            heads.add(pool.submit(() -> dest.manifestDigest(repo, tag)));
        }
        boolean all = true;
        for (Future<Optional<String>> h : heads) {
            all &= digest.equals(await(h).orElse(null));
        }
        if (!all) {
            return Optional.empty();
        }
        for (BlobSource b : image.top().blobs()) {
            listener.progress(new LayerProgress(b.progressId(), LayerProgress.Status.EXISTS, b.contentSize(), b.contentSize()));
        }
        return Optional.of(digest);
    }

    private static <T> T await(Future<T> f) throws EngineException, IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) throws EngineException, IOException, InterruptedException {
        if (cause instanceof EngineException ee) {
            throw ee;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof InterruptedException ie) {
            throw ie;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        throw new IllegalStateException(cause);
    }

    private Map<String, PushedBlob> pushBlobs(SourceImage image, RegistryClient dest, String repository, BlobInfoCache cache,
            ExecutorService pool) throws EngineException, IOException, InterruptedException {
        Map<String, BlobSource> unique = new LinkedHashMap<>();
        for (ManifestPlan p : image.children()) {
            p.blobs().forEach(b -> unique.putIfAbsent(b.key(), b));
        }
        image.top().blobs().forEach(b -> unique.putIfAbsent(b.key(), b));
        BlobTransfer transfer = new BlobTransfer(dest, repository, cache, listener, retry);
        for (BlobSource blob : unique.values()) {
            if (blob.compress() && !transfer.likelyInPlace(blob)) {
                NativeDeflate.warmUp(); // a layer to compress: the compressor loads while uploads open
                break;
            }
        }
        Map<String, Future<PushedBlob>> running = new LinkedHashMap<>();
        Map<String, PushedBlob> done = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, BlobSource> e : unique.entrySet()) {
                BlobSource blob = e.getValue();
                if (transfer.likelyInPlace(blob)) {
                    // A mount or a HEAD is one small request: sent here, one after another on the
                    // connection already open, it costs less than a new TLS connection on a pool
                    // thread (copy within a registry, docs/performance.md). Uploads still start at once.
                    BlobTransfer.Check c = transfer.check(blob);
                    if (c.done() != null) {
                        done.put(e.getKey(), c.done());
                    } else {
                        running.put(e.getKey(), pool.submit(() -> transfer.upload(blob, c)));
                    }
                } else {
                    running.put(e.getKey(), pool.submit(() -> transfer.transfer(blob)));
                }
            }
            for (Map.Entry<String, Future<PushedBlob>> e : running.entrySet()) {
                done.put(e.getKey(), e.getValue().get());
            }
        } catch (ExecutionException e) {
            running.values().forEach(f -> f.cancel(true));
            throw rethrow(e.getCause());
        } catch (EngineException | IOException | InterruptedException | RuntimeException e) {
            running.values().forEach(f -> f.cancel(true));
            throw e;
        }
        return done;
    }

    private static List<PushedBlob> pushedFor(ManifestPlan plan, Map<String, PushedBlob> pushed) {
        List<PushedBlob> out = new ArrayList<>();
        for (BlobSource b : plan.blobs()) {
            out.add(pushed.get(b.key()));
        }
        return out;
    }
}
