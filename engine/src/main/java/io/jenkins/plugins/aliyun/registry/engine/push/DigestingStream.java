package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Passes a stream through, computing the sha256 digest and size of what was read. */
final class DigestingStream extends FilterInputStream {

    private final MessageDigest sha = Manifest.sha256Digest();
    private long size;
    private boolean eof;
    private String digest;

    DigestingStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            eof = true;
        } else {
            sha.update((byte) b);
            size++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            eof = true;
        } else {
            sha.update(b, off, n);
            size += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0;
    }

    /** The digest; only once the stream was read to its end. */
    String digest() {
        if (!eof) {
            throw new IllegalStateException("the stream was not read to its end");
        }
        if (digest == null) {
            digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
        }
        return digest;
    }

    long size() {
        return size;
    }
}
