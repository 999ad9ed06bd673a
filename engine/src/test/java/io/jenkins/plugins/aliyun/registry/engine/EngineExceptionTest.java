package io.jenkins.plugins.aliyun.registry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The one line every front end shows for a failure; the CLI's wording is in cli.ErrorLineTest. */
class EngineExceptionTest {

    @Test
    void theFixNamesWhatTheFrontEndsUserGave() {
        assertEquals("unexpected IOException (its text is not shown: it may quote a secret from the input): check the step's source"
                + " and the agent's workspace, and report it if it persists",
                EngineException.describe(new IOException("token: s3cret"), "the step's source and the agent's workspace"));
        assertEquals("a\\nb", EngineException.describe(new InvalidInputException("a\nb"), "x"));
        assertEquals("interrupted", EngineException.describe(new InterruptedException(), "x"));
    }
}
