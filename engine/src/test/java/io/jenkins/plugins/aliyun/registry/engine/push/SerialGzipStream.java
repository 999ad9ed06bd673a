package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** The single-threaded stream as it was before parallel compression: kept to compare against (GzipBench).
 *
 * Reading from it gives the gzip compression of another stream, produced as it is read (no
 * buffering of the whole layer). The header has no name and no time, so equal input gives equal
 * output, which keeps layer digests stable between pushes.
 *
 * <p>Data that does not compress (zip files, compressed archives, random bytes) is stored rather
 * than run through the compressor: after each 1 MiB of input the level is set for the next one
 * from how well the last one compressed, with a retry of compression every 4 MiB. Decided only by
 * the input, so the output stays deterministic.
 */
final class SerialGzipStream extends InputStream {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final InputStream in;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[1 << 16];
    private final byte[] trailer = new byte[8];
    private int headerPos;
    private int trailerPos = -1;
    private boolean inputDone;
    private final int level;
    private long blockStartIn;
    private long blockStartOut;
    private int storedBlocks;
    private static final long BLOCK = 1 << 20;

    SerialGzipStream(InputStream in, int level) {
        this.in = in;
        this.deflater = new Deflater(level, true);
        this.level = level;
    }

    /** At a block boundary, chooses the level for the next block (stores incompressible data). */
    private void adapt() {
        long in = deflater.getBytesRead() - blockStartIn;
        if (in < BLOCK) {
            return;
        }
        long out = deflater.getBytesWritten() - blockStartOut;
        boolean stored = storedBlocks > 0;
        if (stored) {
            storedBlocks = storedBlocks >= 4 ? 0 : storedBlocks + 1;
        } else if (out * 100 > in * 97) {
            storedBlocks = 1;
        }
        if (stored != (storedBlocks > 0)) {
            deflater.setLevel(storedBlocks > 0 ? Deflater.NO_COMPRESSION : level);
        }
        blockStartIn = deflater.getBytesRead();
        blockStartOut = deflater.getBytesWritten();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (headerPos < HEADER.length) {
            int n = Math.min(len, HEADER.length - headerPos);
            System.arraycopy(HEADER, headerPos, b, off, n);
            headerPos += n;
            return n;
        }
        while (trailerPos < 0) {
            int n = deflater.deflate(b, off, len);
            if (n > 0) {
                return n;
            }
            if (deflater.finished()) {
                long c = crc.getValue();
                long size = deflater.getBytesRead();
                for (int i = 0; i < 4; i++) {
                    trailer[i] = (byte) (c >>> (8 * i));
                    trailer[4 + i] = (byte) (size >>> (8 * i));
                }
                trailerPos = 0;
                break;
            }
            if (deflater.needsInput()) {
                if (inputDone) {
                    deflater.finish();
                } else {
                    adapt();
                    int r = in.read(input);
                    if (r < 0) {
                        inputDone = true;
                        deflater.finish();
                    } else if (r > 0) {
                        crc.update(input, 0, r);
                        deflater.setInput(input, 0, r);
                    }
                }
            }
        }
        if (trailerPos >= trailer.length) {
            return -1;
        }
        int n = Math.min(len, trailer.length - trailerPos);
        System.arraycopy(trailer, trailerPos, b, off, n);
        trailerPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        deflater.end();
        in.close();
    }
}
