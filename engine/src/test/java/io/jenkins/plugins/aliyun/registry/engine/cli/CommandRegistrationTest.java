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
        assertEquals("aliyun-cr: error: Unmatched argument at index 0: 'frobnicate' (see: aliyun-cr --help)\n", r.err());
    }

    /** The usage hint names the command once: the tool's name for a top-level error, "aliyun-cr COMMAND" for a command's. */
    @Test
    void theUsageHintNamesTheCommandOnce() {
        CliRun top = CliRun.run("--frobnicate");
        assertEquals(Main.INVALID, top.code());
        assertEquals("aliyun-cr: error: Unknown option: '--frobnicate' (see: aliyun-cr --help)\n", top.err());

        for (String command : Main.COMMANDS.keySet()) {
            CliRun r = CliRun.run(command, "--frobnicate");
            assertEquals(Main.INVALID, r.code(), command);
            assertTrue(r.err().startsWith("aliyun-cr: error: "), r.err());
            assertTrue(r.err().endsWith(" (see: aliyun-cr " + command + " --help)\n"), r.err());
        }
    }
}
