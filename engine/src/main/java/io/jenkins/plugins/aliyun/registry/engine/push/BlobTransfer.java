package io.jenkins.plugins.aliyun.registry.engine.push;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * Puts one blob in place in the destination repository, doing as little as possible: a blob the
 * destination has is neither read nor sent; a blob in another repository of the registry is
 * mounted; a layer whose compressed form the cache knows is only checked; everything else is
 * streamed (compressed on the way when it is an uncompressed layer). A failed upload starts over in
 * a new upload session, within the {@link Retry} bounds.
 */
final class BlobTransfer {

    /** zlib level 1: about 3× faster than the default level for some 10 % more bytes. */
    static final int COMPRESSION_LEVEL = Deflater.BEST_SPEED;

    private final RegistryClient client;
    private final String repository;
    private final BlobInfoCache cache;
    private final PushListener events;
    private final Retry retry;
    private final AtomicBoolean compressorNoted = new AtomicBoolean();

    BlobTransfer(RegistryClient client, String repository, BlobInfoCache cache, PushListener events, Retry retry) {
        this.client = client;
        this.repository = repository;
        this.cache = cache;
        this.events = events;
        this.retry = retry;
    }

    /**
     * What the first, cheap step of a transfer found: the blob in place ({@code done}), or what
     * the upload starts from (an upload session a failed mount opened, possibly null).
     */
    record Check(PushedBlob done, URI session) {}

    PushedBlob transfer(BlobSource blob) throws EngineException, IOException, InterruptedException {
        Check c = check(blob);
        return c.done() != null ? c.done() : upload(blob, c);
    }

    /**
     * The cheap step, one small request and no blob bytes read: mount from another repository, or
     * ask whether the blob (or, for a tarball layer, the compressed form the cache knows) is there.
     */
    Check check(BlobSource blob) throws EngineException, IOException, InterruptedException {
        String id = blob.progressId();
        events.progress(new LayerProgress(id, Status.CHECKING, 0, blob.contentSize()));
        if (blob.digest() != null && blob.mountFrom() != null) {
            Optional<URI> opened = client.mount(repository, blob.digest(), blob.mountFrom());
            if (opened.isEmpty()) {
                events.progress(new LayerProgress(id, Status.MOUNTED, blob.contentSize(), blob.contentSize()));
                return new Check(new PushedBlob(blob.digest(), blob.size(), blob.mediaType()), null);
            }
            return new Check(null, opened.get());
        }
        Optional<PushedBlob> known = blob.pushedForm(cache);
        if (known.isPresent() && client.hasBlob(repository, known.get().digest())) {
            events.progress(new LayerProgress(id, Status.EXISTS, blob.contentSize(), blob.contentSize()));
            return new Check(known.get(), null);
        }
        return new Check(null, null);
    }

    /** True if {@link #check} is likely to settle the blob: a mount, or a layer the cache knows. */
    boolean likelyInPlace(BlobSource blob) {
        return blob.mountFrom() != null || (blob.digest() == null && cache.compressedFor(blob.diffId()).isPresent());
    }

    /** The upload, after a {@link #check} that did not find the blob in place. */
    PushedBlob upload(BlobSource blob, Check check) throws EngineException, IOException, InterruptedException {
        return blob.digest() != null ? uploadKnown(blob, check.session()) : uploadLayer(blob);
    }

    private PushedBlob uploadKnown(BlobSource blob, URI session) throws EngineException, IOException, InterruptedException {
        String id = blob.digest();
        AtomicReference<URI> reuse = new AtomicReference<>(session);
        retry.run("upload blob " + LayerProgress.shortId(id), events, () -> {
            URI s = reuse.getAndSet(null);
            URI upload = s != null ? s : client.startUpload(repository);
            try {
                client.putBlob(upload, repository, blob.digest(), blob.size(), opener(blob, id, false, null));
                return null;
            } catch (RegistryException e) {
                client.cancel(upload);
                throw sourceFailure(e);
            }
        });
        events.progress(new LayerProgress(id, Status.PUSHED, blob.contentSize(), blob.contentSize()));
        return new PushedBlob(blob.digest(), blob.size(), blob.mediaType());
    }

    private PushedBlob uploadLayer(BlobSource blob) throws EngineException, IOException, InterruptedException {
        String id = blob.diffId();
        AtomicReference<DigestingStream> last = new AtomicReference<>();
        retry.run("upload layer " + LayerProgress.shortId(id), events, () -> {
            URI upload = client.startUpload(repository);
            try {
                client.streamBlob(upload, repository, opener(blob, id, blob.compress(), last), () -> last.get().digest());
                return null;
            } catch (RegistryException e) {
                client.cancel(upload);
                throw sourceFailure(e);
            }
        });
        PushedBlob pushed = new PushedBlob(last.get().digest(), last.get().size(), blob.mediaType());
        cache.record(blob.diffId(), pushed);
        events.progress(new LayerProgress(id, Status.PUSHED, blob.contentSize(), blob.contentSize()));
        return pushed;
    }

    /**
     * Opens the blob's bytes for one try: progress counted on the source side, compressed if
     * asked, and digested when {@code digesting} is given (it receives the stream).
     */
    private Supplier<InputStream> opener(BlobSource blob, String id, boolean compress, AtomicReference<DigestingStream> digesting) {
        return () -> {
            InputStream in;
            try {
                in = blob.content().open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (EngineException e) {
                throw new UncheckedIOException(new IOException(e.getMessage(), e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
            }
            events.progress(new LayerProgress(id, Status.UPLOADING, 0, blob.contentSize()));
            InputStream counted = new ProgressStream(in, n -> events.progress(new LayerProgress(id, Status.UPLOADING, n, blob.contentSize())));
            if (compress && compressorNoted.compareAndSet(false, true)) {
                String notice = NativeDeflate.notice();
                if (notice != null) {
                    events.log(notice);
                }
            }
            InputStream out = compress ? new GzipCompressingStream(counted, COMPRESSION_LEVEL) : counted;
            if (digesting != null) {
                DigestingStream d = new DigestingStream(out);
                digesting.set(d);
                return d;
            }
            return out;
        };
    }

    /**
     * A failure of the source (e.g. a registry source refusing a download) surfaces inside the
     * upload's failure; when it cannot get better by retrying, report it rather than the upload's.
     */
    private static RegistryException sourceFailure(RegistryException upload) throws EngineException {
        for (Throwable c = upload.getCause(); c != null; c = c.getCause()) {
            if (c instanceof RegistryException source && !source.isRetryable()) {
                throw source;
            }
            if (c instanceof EngineException other && !(c instanceof RegistryException)) {
                throw other;
            }
        }
        return upload;
    }
}
