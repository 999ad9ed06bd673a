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
            case PUSHED -> {
                String size = progress.finalSize();
                log.println("  " + progress.shortId() + ": pushed" + (size == null ? "" : " (" + size + ")"));
            }
            default -> {
                // CHECKING and UPLOADING come often; the final state is enough for a build log.
            }
        }
    }

    @Override
    public void log(String message) {
        log.println(message);
    }
}
