package io.jenkins.plugins.aliyun.registry.engine.json;

import java.io.IOException;

/** Text that is not JSON; the message says where (line and column) and what was expected. */
public final class MalformedJsonException extends IOException {

    private final int line;

    MalformedJsonException(String message, int line, int column) {
        super(message + " at line " + line + ", column " + column);
        this.line = line;
    }

    /** The 1-based line of the error. */
    public int getLine() {
        return line;
    }
}
