package io.jenkins.plugins.aliyun.registry.push;

import io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress;
import io.jenkins.plugins.aliyun.registry.engine.push.PushListener;
import java.io.PrintStream;

/**
 * Shows a push in the build log: the engine's log lines, and one line per blob when it is done
 * (already there, mounted, or pushed) rather than every byte count.
 */
final class BuildLogPushListener implements PushListener {

    private final PrintStream log;

    BuildLogPushListener(PrintStream log) {
        this.log = log;
    }

    @Override
    public void progress(LayerProgress progress) {
        switch (progress.status()) {
            case EXISTS -> log.println("  " + progress.shortId() + ": already in the registry");
            case MOUNTED -> log.println("  " + progress.shortId() + ": mounted from another repository");
            case PUSHED -> log.println("  " + progress.shortId() + ": pushed" + size(progress));
            default -> {
                // CHECKING and UPLOADING come often; the final state is enough for a build log.
            }
        }
    }

    @Override
    public void log(String message) {
        log.println(message);
    }

    private static String size(LayerProgress progress) {
        long bytes = progress.bytesTotal() >= 0 ? progress.bytesTotal() : progress.bytesDone();
        if (bytes < 0) {
            return "";
        }
        return bytes < 1024 * 1024
                ? " (" + Math.max(1, bytes / 1024) + " KiB)"
                : String.format(" (%.1f MiB)", bytes / (1024.0 * 1024.0));
    }
}
