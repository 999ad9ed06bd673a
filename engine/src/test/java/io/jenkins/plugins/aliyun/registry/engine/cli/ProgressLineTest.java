package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress;
import io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line on a terminal: redrawn in place with plain characters, which every console shows alike. */
class ProgressLineTest {

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    @Test
    void theLineIsRedrawnWithACarriageReturnAndBlankedWithSpacesNeverWithEscapes() {
        StringWriter screen = new StringWriter();
        PushCommand.Progress progress = new PushCommand.Progress(new PrintWriter(screen, true), true);

        progress.progress(new LayerProgress(A, Status.UPLOADING, 5L << 20, 10L << 20));
        progress.log("retrying after a 503");
        progress.progress(new LayerProgress(A, Status.PUSHED, 10L << 20, 10L << 20));
        progress.progress(new LayerProgress(B, Status.EXISTS, 0, 900));
        progress.finish();

        String out = screen.toString();
        assertFalse(out.contains("\u001b"), "no ANSI escape: " + out.replace("\u001b", "ESC"));
        String first = "0/1 blobs, 5.0 MiB of 10.0 MiB";
        String last = "2/2 blobs, 10.0 MiB of 10.0 MiB";
        String nl = System.lineSeparator();
        assertTrue(out.startsWith("\r" + first + "\r" + " ".repeat(first.length()) + "\r" + "retrying after a 503" + nl), out);
        assertTrue(out.endsWith("\r" + last + nl), out);
    }

    @Test
    void aShorterLineCoversTheRestOfTheLongerOneBeforeIt() {
        StringWriter screen = new StringWriter();
        PushCommand.Progress progress = new PushCommand.Progress(new PrintWriter(screen, true), true);

        progress.progress(new LayerProgress(A, Status.UPLOADING, 1_048_000, 1_048_000));
        progress.progress(new LayerProgress(B, Status.EXISTS, 0, 1 << 20));
        progress.finish();

        String[] draws = screen.toString().split("\r", -1);
        String longer = "0/1 blobs, 1023.4 KiB of 1023.4 KiB";
        String shorter = "1/2 blobs, 1023.4 KiB of 2.0 MiB";
        assertEquals(longer, draws[1]);
        assertTrue(draws[2].startsWith(shorter + " ".repeat(longer.length() - shorter.length())), draws[2]);
        assertTrue(screen.toString().endsWith(shorter + System.lineSeparator()) || screen.toString().endsWith(
                shorter + " ".repeat(longer.length() - shorter.length()) + System.lineSeparator()), screen.toString());
    }

    @Test
    void aFinalLogLineIsTheLastWordAndNoTotalsAreDrawnAfterIt() {
        StringWriter screen = new StringWriter();
        PushCommand.Progress progress = new PushCommand.Progress(new PrintWriter(screen, true), true);

        progress.progress(new LayerProgress(A, Status.EXISTS, 402, 402));
        progress.log("registry.example.com/app already has sha256:1 under every tag; nothing to push");
        progress.finish();

        String totals = "1/1 blobs, 402 B of 402 B";
        assertEquals("\r" + totals + "\r" + " ".repeat(totals.length()) + "\r"
                + "registry.example.com/app already has sha256:1 under every tag; nothing to push" + System.lineSeparator(),
                screen.toString());
    }

    @Test
    void whenThePushFailsTheLastTotalsStayOnTheirOwnLineBeforeTheError() {
        StringWriter screen = new StringWriter();
        PushCommand.Progress progress = new PushCommand.Progress(new PrintWriter(screen, true), true);

        progress.progress(new LayerProgress(A, Status.UPLOADING, 1 << 20, 2 << 20));
        progress.finish(); // called from a finally block

        assertTrue(screen.toString().endsWith("\r0/1 blobs, 1.0 MiB of 2.0 MiB" + System.lineSeparator()), screen.toString());
    }
}
