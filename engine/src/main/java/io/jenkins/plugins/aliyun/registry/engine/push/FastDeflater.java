package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A raw DEFLATE (RFC 1951) encoder built for speed: greedy LZ77 with one hash-table probe per
 * position, then per block whichever of stored, fixed or dynamic Huffman coding is smallest,
 * computed exactly.
 *
 * <p>Input is taken in fixed blocks of {@link #BLOCK} bytes, each compressed with the 32 KiB
 * before it as history, so the output depends only on the input bytes, never on how they arrived.
 * About 330 KiB per instance; no threads.
 *
 * <p>Use: {@link #fill} a block, {@link #compress} it (the last one with {@code last}), and
 * {@link #drain} the bytes, until the input ends.
 */
final class FastDeflater {

    static final int BLOCK = 1 << 16;
    private static final int WINDOW = 1 << 15;
    private static final int MIN_MATCH = 4;
    private static final int MAX_MATCH = 258;
    /** 2^13 four-byte entries: 32 KiB, about what stays in a level-1 cache; larger tables found a little more and ran slower. */
    private static final int HASH_BITS = 13;
    /** After 2^SKIP_SHIFT positions without a match the search takes steps of two, and so on. */
    private static final int SKIP_SHIFT = 5;
    private static final int END_OF_BLOCK = 256;
    private static final int LIT_LEN_CODES = 286;
    private static final int DIST_CODES = 30;
    private static final int CODE_LENGTH_CODES = 19;
    private static final int MAX_BITS = 15;
    private static final int MAX_CODE_LENGTH_BITS = 7;
    private static final int MAX_STORED = 65535;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Length 3..258 → lit/len symbol 257..285. */
    private static final int[] LENGTH_SYMBOL = new int[MAX_MATCH + 1];
    /** Per length code 0..28: first length and number of extra bits. */
    private static final int[] LENGTH_BASE = new int[29];
    private static final int[] LENGTH_EXTRA = new int[29];
    private static final int[] DIST_EXTRA = new int[DIST_CODES];
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final int[] FIXED_LIT_LEN_LENGTHS = new int[288];
    private static final int[] FIXED_DIST_LENGTHS = new int[DIST_CODES];

    static {
        int length = 3;
        for (int code = 0; code < 28; code++) {
            int extra = code < 8 ? 0 : (code - 4) / 4;
            LENGTH_BASE[code] = length;
            LENGTH_EXTRA[code] = extra;
            for (int i = 0; i < 1 << extra; i++) {
                LENGTH_SYMBOL[length++] = 257 + code;
            }
        }
        // 258 has its own code; 284 with all extra bits set would mean 258 too but is invalid.
        LENGTH_BASE[28] = MAX_MATCH;
        LENGTH_SYMBOL[MAX_MATCH] = 285;
        for (int code = 0; code < DIST_CODES; code++) {
            DIST_EXTRA[code] = code < 4 ? 0 : code / 2 - 1;
        }
        for (int s = 0; s < 288; s++) {
            FIXED_LIT_LEN_LENGTHS[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
        }
        Arrays.fill(FIXED_DIST_LENGTHS, 5);
    }

    /** History (up to WINDOW bytes) followed by the block being filled. */
    private final byte[] window = new byte[WINDOW + BLOCK];
    private int blockStart;
    private int blockEnd;
    private long totalIn;
    /**
     * Per hash of 5 bytes, where they last occurred (low 16 bits of the stream offset, so that
     * sliding the window needs no update) and 16 more bits of their hash (most mismatches are
     * seen without reading the window).
     */
    private final int[] head = new int[1 << HASH_BITS];
    /** Stream offset of window[0], modulo 2^16 as in head. */
    private int windowKey;

    /** The block's parse: match i follows matchLiterals[i] literals; len | dist << 9. */
    private final int[] matchLiterals = new int[BLOCK / MIN_MATCH + 1];
    private final int[] matches = new int[BLOCK / MIN_MATCH + 1];
    private int matchCount;
    private final int[] litLenFreq = new int[LIT_LEN_CODES];
    private final int[] distFreq = new int[DIST_CODES];

    private final Huffman litLenCode = new Huffman(LIT_LEN_CODES, MAX_BITS);
    private final Huffman distCode = new Huffman(DIST_CODES, MAX_BITS);
    private final Huffman codeLengthCode = new Huffman(CODE_LENGTH_CODES, MAX_CODE_LENGTH_BITS);
    /** Code lengths of the dynamic header, run-length coded: symbol | extra value << 5. */
    private final int[] headerOps = new int[LIT_LEN_CODES + DIST_CODES];
    private final int[] headerLengths = new int[LIT_LEN_CODES + DIST_CODES];
    private int headerOpCount;
    private final int[] codeLengthFreq = new int[CODE_LENGTH_CODES];

    /** Per symbol: bit-reversed code (plus extra bits for lengths) | bit count << 24. */
    private final int[] litTable = new int[256 + 1];
    private final int[] lengthTable = new int[MAX_MATCH + 1];
    private final int[] distTable = new int[DIST_CODES];

    /** Whole bytes of compressed output of the last block; 8 spare bytes for whole-word stores. */
    private final byte[] out = new byte[BLOCK + BLOCK / MAX_STORED * 5 + 64];
    private int outPos;
    private int outEnd;
    private long bitBuffer;
    private int bitCount;

    FastDeflater() {
    }

    /**
     * Reads until the current block is full or the input ends.
     *
     * @return false when the input ended: the block is then the last one
     */
    boolean fill(InputStream in) throws IOException {
        int limit = blockStart + BLOCK;
        while (blockEnd < limit) {
            int n = in.read(window, blockEnd, limit - blockEnd);
            if (n < 0) {
                return false;
            }
            blockEnd += n;
            totalIn += n;
        }
        return true;
    }

    long bytesIn() {
        return totalIn;
    }

    /** Copies compressed bytes out; 0 when all of the last compressed block has been taken. */
    int drain(byte[] b, int off, int len) {
        int n = Math.min(len, outEnd - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    boolean hasOutput() {
        return outPos < outEnd;
    }

    /** Compresses the filled block; after the last one the output ends on a byte boundary. */
    void compress(boolean last) {
        if (hasOutput()) {
            throw new IllegalStateException("the previous block's output was not drained");
        }
        outPos = 0;
        outEnd = 0;
        parse(blockStart, blockEnd);
        writeBlock(last);
        if (last) {
            while (bitCount > 0) {
                out[outEnd++] = (byte) bitBuffer;
                bitBuffer >>>= 8;
                bitCount = Math.max(0, bitCount - 8);
            }
        }
        slide();
    }

    /** Keeps the last WINDOW bytes as history for the next block. */
    private void slide() {
        int keep = Math.min(WINDOW, blockEnd);
        int shift = blockEnd - keep;
        if (shift > 0) {
            System.arraycopy(window, shift, window, 0, keep);
            windowKey += shift;
        }
        blockStart = keep;
        blockEnd = keep;
    }

    /**
     * Hash table slot (top bits) and check value (16 other bits) of the 5 bytes at the low end of
     * a word. Five bytes rather than four: four-byte matches far back barely pay for their
     * length and distance codes, and each match costs a mispredicted branch.
     */
    private static long mix(long word) {
        return (word << 24) * 0x9E3779B97F4A7C15L;
    }

    /** Greedy LZ77 over [start, end): fills the match list and the symbol frequencies. */
    private void parse(int start, int end) {
        Arrays.fill(litLenFreq, 0);
        Arrays.fill(distFreq, 0);
        byte[] w = window;
        int[] h = head;
        int[] lit = litLenFreq;
        int key = windowKey;
        int n = 0;
        int anchor = start;
        int pos = start;
        // Positions whose 8 following bytes are in the block: match extension reads words.
        int limit = end - 8;
        while (pos < limit) {
            long eight = (long) LONG.get(w, pos);
            int word = (int) eight;
            long mixed = mix(eight);
            int slot = (int) (mixed >>> (64 - HASH_BITS));
            int check = (int) (mixed >>> 32) & 0xffff;
            int entry = h[slot];
            h[slot] = (pos + key) << 16 | check;
            // Entries are stream offsets modulo 2^16, so stale ones may point anywhere in the
            // window: the distance bound and the comparison of the bytes make every match real.
            int before = (pos + key - (entry >>> 16) - 1) & 0xffff;
            int candidate = pos - before - 1;
            if (before >= WINDOW || (entry & 0xffff) != check || (int) INT.get(w, candidate) != word) {
                // Literals are counted here, so that a match needs no loop over the ones before it.
                lit[word & 0xff]++;
                int step = (pos - anchor) >>> SKIP_SHIFT;
                pos++;
                if (step > 0) {
                    for (int stop = Math.min(pos + step, end); pos < stop; pos++) {
                        lit[w[pos] & 0xff]++;
                    }
                }
                continue;
            }
            int dist = before + 1;
            int len = MIN_MATCH + commonLength(w, candidate + MIN_MATCH, pos + MIN_MATCH, Math.min(end, pos + MAX_MATCH));
            while (pos > anchor && candidate > 0 && len < MAX_MATCH && w[pos - 1] == w[candidate - 1]) {
                pos--;
                candidate--;
                len++;
                lit[w[pos] & 0xff]--;
            }
            matchLiterals[n] = pos - anchor;
            matches[n] = len | dist << 9;
            n++;
            lit[LENGTH_SYMBOL[len]]++;
            distFreq[distanceCode(dist - 1)]++;
            pos += len;
            anchor = pos;
            if (pos < limit) {
                // The end of a match often starts the next repeat; costs one hash instead of len.
                int p = pos - 2;
                long m = mix((long) LONG.get(w, p));
                h[(int) (m >>> (64 - HASH_BITS))] = (p + key) << 16 | (int) (m >>> 32) & 0xffff;
            }
        }
        for (int i = pos; i < end; i++) {
            lit[w[i] & 0xff]++;
        }
        lit[END_OF_BLOCK] = 1;
        matchCount = n;
    }

    /** How many bytes from a and b (b ahead of a) are equal, looking no further than b's limit. */
    private static int commonLength(byte[] w, int a, int b, int limit) {
        int n = 0;
        while (b + n + 8 <= limit) {
            long diff = (long) LONG.get(w, a + n) ^ (long) LONG.get(w, b + n);
            if (diff != 0) {
                return n + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            n += 8;
        }
        while (b + n < limit && w[a + n] == w[b + n]) {
            n++;
        }
        return n;
    }

    /** Distance code of distance d + 1 (0 ≤ d < 32768). */
    private static int distanceCode(int d) {
        if (d < 4) {
            return d;
        }
        int top = 31 - Integer.numberOfLeadingZeros(d);
        return 2 * top + ((d >>> (top - 1)) & 1);
    }

    /** Chooses the smallest block type for the parsed block and writes it. */
    private void writeBlock(boolean last) {
        litLenCode.build(litLenFreq);
        distCode.build(distFreq);
        int litLenCount = Math.max(257, litLenCode.lastUsed() + 1);
        int distCount = Math.max(1, distCode.lastUsed() + 1);
        long headerBits = prepareHeader(litLenCount, distCount);

        long extraBits = 0;
        for (int code = 0; code < 29; code++) {
            extraBits += (long) litLenFreq[257 + code] * LENGTH_EXTRA[code];
        }
        for (int code = 0; code < DIST_CODES; code++) {
            extraBits += (long) distFreq[code] * DIST_EXTRA[code];
        }
        long dynamicBits = 3 + headerBits + litLenCode.cost(litLenFreq) + distCode.cost(distFreq) + extraBits;
        long fixedBits = 3 + extraBits;
        for (int s = 0; s < LIT_LEN_CODES; s++) {
            fixedBits += (long) litLenFreq[s] * FIXED_LIT_LEN_LENGTHS[s];
        }
        for (int s = 0; s < DIST_CODES; s++) {
            fixedBits += (long) distFreq[s] * 5;
        }
        long storedBits = storedBits(blockEnd - blockStart);

        long before = bitsWritten();
        long expected;
        if (storedBits <= fixedBits && storedBits <= dynamicBits) {
            expected = storedBits;
            writeStored(last);
        } else if (fixedBits <= dynamicBits) {
            expected = fixedBits;
            putBits(last ? 1 : 0, 1);
            putBits(1, 2);
            litLenCode.assign(FIXED_LIT_LEN_LENGTHS, 288);
            distCode.assign(FIXED_DIST_LENGTHS, DIST_CODES);
            writeSymbols();
        } else {
            expected = dynamicBits;
            putBits(last ? 1 : 0, 1);
            putBits(2, 2);
            writeHeader(litLenCount, distCount);
            writeSymbols();
        }
        assert bitsWritten() - before == expected : "block of " + (bitsWritten() - before) + " bits, computed " + expected;
    }

    private long bitsWritten() {
        return 8L * outEnd + bitCount;
    }

    /** Size of the block as stored blocks, from the current bit position. */
    private long storedBits(int length) {
        long bits = 0;
        int pending = bitCount;
        int remaining = length;
        do {
            int n = Math.min(remaining, MAX_STORED);
            bits += 3 + ((8 - ((pending + 3) & 7)) & 7) + 32 + 8L * n;
            pending = 0;
            remaining -= n;
        } while (remaining > 0);
        return bits;
    }

    private void writeStored(boolean last) {
        int pos = blockStart;
        int remaining = blockEnd - blockStart;
        do {
            int n = Math.min(remaining, MAX_STORED);
            remaining -= n;
            putBits(last && remaining == 0 ? 1 : 0, 1);
            putBits(0, 2);
            putBits(0, (8 - (bitCount & 7)) & 7);
            putBits(n | (~n & 0xffff) << 16, 32);
            flushWholeBytes();
            System.arraycopy(window, pos, out, outEnd, n);
            outEnd += n;
            pos += n;
        } while (remaining > 0);
    }

    /**
     * Run-length codes the code lengths of both codes (one sequence, as RFC 1951 allows) and
     * builds the code-length code. Returns the header size after the 3 block-type bits.
     */
    private long prepareHeader(int litLenCount, int distCount) {
        int total = litLenCount + distCount;
        int[] lengths = headerLengths;
        System.arraycopy(litLenCode.lengths, 0, lengths, 0, litLenCount);
        System.arraycopy(distCode.lengths, 0, lengths, litLenCount, distCount);
        Arrays.fill(codeLengthFreq, 0);
        int ops = 0;
        int i = 0;
        int previous = -1;
        while (i < total) {
            int value = lengths[i];
            int run = 1;
            while (i + run < total && lengths[i + run] == value) {
                run++;
            }
            if (value == 0 && run >= 11) {
                run = Math.min(run, 138);
                headerOps[ops++] = 18 | (run - 11) << 5;
            } else if (value == 0 && run >= 3) {
                run = Math.min(run, 10);
                headerOps[ops++] = 17 | (run - 3) << 5;
            } else if (value != 0 && value == previous && run >= 3) {
                run = Math.min(run, 6);
                headerOps[ops++] = 16 | (run - 3) << 5;
            } else if (value != 0 && run >= 4) {
                // Code 16 repeats the previous length, so the length itself goes first.
                run = Math.min(run, 7);
                headerOps[ops++] = value;
                headerOps[ops++] = 16 | (run - 4) << 5;
            } else {
                run = 1;
                headerOps[ops++] = value;
            }
            previous = value;
            i += run;
        }
        headerOpCount = ops;
        for (int k = 0; k < ops; k++) {
            codeLengthFreq[headerOps[k] & 31]++;
        }
        codeLengthCode.build(codeLengthFreq);
        int[] clLengths = codeLengthCode.lengths;
        long bits = 5 + 5 + 4 + 3L * codeLengthCodeCount();
        for (int k = 0; k < ops; k++) {
            int symbol = headerOps[k] & 31;
            bits += clLengths[symbol] + (symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0);
        }
        return bits;
    }

    private int codeLengthCodeCount() {
        int count = CODE_LENGTH_CODES;
        while (count > 4 && codeLengthCode.lengths[CODE_LENGTH_ORDER[count - 1]] == 0) {
            count--;
        }
        return count;
    }

    private void writeHeader(int litLenCount, int distCount) {
        int clCount = codeLengthCodeCount();
        putBits(litLenCount - 257, 5);
        putBits(distCount - 1, 5);
        putBits(clCount - 4, 4);
        for (int k = 0; k < clCount; k++) {
            putBits(codeLengthCode.lengths[CODE_LENGTH_ORDER[k]], 3);
        }
        for (int k = 0; k < headerOpCount; k++) {
            int symbol = headerOps[k] & 31;
            putBits(codeLengthCode.codes[symbol], codeLengthCode.lengths[symbol]);
            if (symbol >= 16) {
                putBits(headerOps[k] >>> 5, symbol == 16 ? 2 : symbol == 17 ? 3 : 7);
            }
        }
    }

    private void putBits(int value, int count) {
        bitBuffer |= (value & 0xffffffffL) << bitCount;
        bitCount += count;
        if (bitCount >= 32) {
            flushWholeBytes();
        }
    }

    private void flushWholeBytes() {
        while (bitCount >= 8) {
            out[outEnd++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
    }

    /** The parsed block's symbols with the codes last assigned to litLenCode and distCode. */
    private void writeSymbols() {
        int[] litLenCodes = litLenCode.codes;
        int[] litLenLengths = litLenCode.lengths;
        for (int s = 0; s <= 256; s++) {
            litTable[s] = litLenCodes[s] | litLenLengths[s] << 24;
        }
        for (int len = 3; len <= MAX_MATCH; len++) {
            int symbol = LENGTH_SYMBOL[len];
            int code = symbol - 257;
            int n = litLenLengths[symbol];
            lengthTable[len] = (litLenCodes[symbol] | (len - LENGTH_BASE[code]) << n) | (n + LENGTH_EXTRA[code]) << 24;
        }
        for (int s = 0; s < DIST_CODES; s++) {
            distTable[s] = distCode.codes[s] | distCode.lengths[s] << 24;
        }

        byte[] w = window;
        // Up to 55 bits go in per flush below: start with fewer than 8 pending.
        flushWholeBytes();
        byte[] o = out;
        int[] lits = litTable;
        int[] lens = lengthTable;
        int[] dists = distTable;
        int[] runs = matchLiterals;
        int[] ms = matches;
        long bits = bitBuffer;
        int count = bitCount;
        int op = outEnd;
        int pos = blockStart;
        for (int k = 0, n = matchCount; k < n; k++) {
            int end = pos + runs[k];
            for (; pos < end; pos++) {
                int c = lits[w[pos] & 0xff];
                bits |= (long) (c & 0xffffff) << count;
                count += c >>> 24;
                LONG.set(o, op, bits);
                op += count >>> 3;
                bits >>>= count & ~7;
                count &= 7;
            }
            int m = ms[k];
            int len = m & 511;
            int c = lens[len];
            bits |= (long) (c & 0xffffff) << count;
            count += c >>> 24;
            int d = (m >>> 9) - 1;
            int dc;
            int extra;
            int extraBits;
            if (d < 4) {
                dc = d;
                extra = 0;
                extraBits = 0;
            } else {
                int top = 31 - Integer.numberOfLeadingZeros(d);
                extraBits = top - 1;
                dc = 2 * top + ((d >>> extraBits) & 1);
                extra = d & ((1 << extraBits) - 1);
            }
            c = dists[dc];
            int dl = c >>> 24;
            bits |= ((long) (c & 0xffffff) | (long) extra << dl) << count;
            count += dl + extraBits;
            LONG.set(o, op, bits);
            op += count >>> 3;
            bits >>>= count & ~7;
            count &= 7;
            pos += len;
        }
        for (int end = blockEnd; pos < end; pos++) {
            int c = lits[w[pos] & 0xff];
            bits |= (long) (c & 0xffffff) << count;
            count += c >>> 24;
            LONG.set(o, op, bits);
            op += count >>> 3;
            bits >>>= count & ~7;
            count &= 7;
        }
        int c = lits[END_OF_BLOCK];
        bits |= (long) (c & 0xffffff) << count;
        count += c >>> 24;
        LONG.set(o, op, bits);
        op += count >>> 3;
        bits >>>= count & ~7;
        count &= 7;
        bitBuffer = bits;
        bitCount = count;
        outEnd = op;
    }

    /** A canonical prefix code over an alphabet, limited to maxBits, built from frequencies. */
    static final class Huffman {
        final int[] lengths;
        /** Bit-reversed, as DEFLATE sends codes most significant bit first into an LSB-first stream. */
        final int[] codes;
        private final int maxBits;
        private final int[] sorted;
        private final int[] leafParent;
        private final int[] nodeWeight;
        private final int[] nodeParent;
        private final int[] nodeDepth;
        private final int[] lengthCount = new int[64];

        Huffman(int symbols, int maxBits) {
            this.maxBits = maxBits;
            lengths = new int[Math.max(symbols, 288)];
            codes = new int[lengths.length];
            sorted = new int[symbols];
            leafParent = new int[symbols];
            nodeWeight = new int[symbols];
            nodeParent = new int[symbols];
            nodeDepth = new int[symbols];
        }

        int lastUsed() {
            int last = sorted.length - 1;
            while (last >= 0 && lengths[last] == 0) {
                last--;
            }
            return last;
        }

        long cost(int[] freq) {
            long bits = 0;
            for (int s = 0; s < sorted.length; s++) {
                bits += (long) freq[s] * lengths[s];
            }
            return bits;
        }

        /** Lengths of a complete prefix code (zlib refuses incomplete ones) for freq, then codes. */
        void build(int[] freq) {
            int symbols = sorted.length;
            Arrays.fill(lengths, 0);
            int used = 0;
            for (int s = 0; s < symbols; s++) {
                if (freq[s] != 0) {
                    sorted[used++] = freq[s] << 9 | s;
                }
            }
            if (used < 2) {
                // A complete code needs two symbols: pair the used one (if any) with a neighbour.
                int s = used == 0 ? 0 : sorted[0] & 511;
                lengths[s] = 1;
                lengths[s == 0 ? 1 : s - 1] = 1;
                assignCodes(symbols);
                return;
            }
            Arrays.sort(sorted, 0, used);
            depths(used);
            limit(used);
            // Shorter codes to the more frequent symbols, from the per-length counts.
            int next = used - 1;
            for (int len = 1; len <= maxBits; len++) {
                for (int k = 0; k < lengthCount[len]; k++) {
                    lengths[sorted[next--] & 511] = len;
                }
            }
            assignCodes(symbols);
        }

        /** Huffman's algorithm on leaves sorted by weight; counts leaves per depth. */
        private void depths(int leaves) {
            int leaf = 0;
            int node = 0;
            for (int made = 0; made < leaves - 1; made++) {
                int weight = 0;
                for (int pick = 0; pick < 2; pick++) {
                    if (leaf < leaves && (node == made || (sorted[leaf] >>> 9) <= nodeWeight[node])) {
                        weight += sorted[leaf] >>> 9;
                        leafParent[leaf++] = made;
                    } else {
                        weight += nodeWeight[node];
                        nodeParent[node++] = made;
                    }
                }
                nodeWeight[made] = weight;
            }
            int root = leaves - 2;
            nodeDepth[root] = 0;
            for (int i = root - 1; i >= 0; i--) {
                nodeDepth[i] = nodeDepth[nodeParent[i]] + 1;
            }
            Arrays.fill(lengthCount, 0);
            for (int i = 0; i < leaves; i++) {
                lengthCount[Math.min(nodeDepth[leafParent[i]] + 1, lengthCount.length - 1)]++;
            }
        }

        /**
         * Makes the per-length counts fit in maxBits: deeper leaves are lifted to maxBits, then
         * leaves are pushed down one level at a time from the deepest level that still has
         * room, until the Kraft sum is exactly one again.
         */
        private void limit(int leaves) {
            int over = 0;
            for (int len = maxBits + 1; len < lengthCount.length; len++) {
                over += lengthCount[len];
                lengthCount[len] = 0;
            }
            if (over == 0) {
                return;
            }
            lengthCount[maxBits] += over;
            long kraft = 0;
            for (int len = 1; len <= maxBits; len++) {
                kraft += (long) lengthCount[len] << (maxBits - len);
            }
            long full = 1L << maxBits;
            while (kraft > full) {
                int len = maxBits - 1;
                while (lengthCount[len] == 0) {
                    len--;
                }
                lengthCount[len]--;
                lengthCount[len + 1]++;
                kraft -= 1L << (maxBits - len - 1);
            }
            while (kraft < full) {
                int len = maxBits;
                while (lengthCount[len] == 0) {
                    len--;
                }
                lengthCount[len]--;
                lengthCount[len - 1]++;
                kraft += 1L << (maxBits - len);
            }
        }

        /** Uses the given lengths (e.g. the fixed code's) instead of built ones. */
        void assign(int[] given, int symbols) {
            Arrays.fill(lengths, 0);
            System.arraycopy(given, 0, lengths, 0, symbols);
            assignCodes(symbols);
        }

        /** Canonical codes from lengths (RFC 1951, 3.2.2). */
        private void assignCodes(int symbols) {
            int[] count = new int[MAX_BITS + 2];
            for (int s = 0; s < symbols; s++) {
                count[lengths[s]]++;
            }
            count[0] = 0;
            int[] next = new int[MAX_BITS + 2];
            int code = 0;
            for (int len = 1; len <= MAX_BITS; len++) {
                code = (code + count[len - 1]) << 1;
                next[len] = code;
            }
            for (int s = 0; s < symbols; s++) {
                int len = lengths[s];
                if (len != 0) {
                    codes[s] = Integer.reverse(next[len]++) >>> (32 - len);
                }
            }
        }
    }
}
