package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.IOException;
import java.io.InputStream;

/** A stream that implements only the bulk {@code read(byte[], int, int)}; the one-byte read goes through it. */
abstract class BulkInputStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
