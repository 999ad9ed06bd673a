package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports how many bytes were read, at most every {@link #STEP} bytes and at the end. */
final class ProgressStream extends FilterInputStream {

    static final long STEP = 4L << 20;

    private final LongConsumer report;
    private long done;
    private long reported;

    ProgressStream(InputStream in, LongConsumer report) {
        super(in);
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        count(n);
        return n;
    }

    private void count(int n) {
        if (n < 0) {
            if (done != reported) {
                reported = done;
                report.accept(done);
            }
            return;
        }
        done += n;
        if (done - reported >= STEP) {
            reported = done;
            report.accept(done);
        }
    }
}
