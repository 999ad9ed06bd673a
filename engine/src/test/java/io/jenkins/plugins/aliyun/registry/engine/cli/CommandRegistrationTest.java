package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Main registers only the called command with picocli; the names it looks up must be the commands' own. */
class CommandRegistrationTest {

    @Test
    void everyRegisteredNameIsItsCommandsAnnotatedName() {
        for (Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet()) {
            assertEquals(e.getKey(), e.getValue().getAnnotation(Command.class).name(), e.getValue().getName());
        }
    }

    @Test
    void topLevelHelpListsEveryCommandInOrder() {
        String out = CliRun.run("--help").out();
        int last = -1;
        for (String name : Main.COMMANDS.keySet()) {
            int at = out.indexOf("\n  " + name + " ");
            assertTrue(at > last, name + " missing or out of order in:\n" + out);
            last = at;
        }
    }

    @Test
    void anUnknownCommandIsStillRefusedWithTheUsualLine() {
        CliRun r = CliRun.run("frobnicate");
        assertEquals(Main.INVALID, r.code());
        assertEquals("aliyun-cr: error: Unmatched argument at index 0: 'frobnicate' (see: aliyun-cr aliyun-cr --help)\n", r.err());
    }
}
