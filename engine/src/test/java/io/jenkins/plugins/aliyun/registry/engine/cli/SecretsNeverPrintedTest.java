package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command, in its success and failure paths, run with a known password: neither the password
 * nor {@code base64(user:password)} appears on stdout or stderr. (The one exception is
 * {@code docker-config --output -}, whose stdout is the requested config.json itself.)
 */
class SecretsNeverPrintedTest {

    private static final String USER = "robot$ci";
    private static final String PASSWORD = "Kn0wn:Pa$$ \"wörd\"";

    @TempDir
    Path tmp;

    @Test
    void noCommandPrintsThePasswordOrItsBase64() throws Exception {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Path config = tmp.resolve("c/config.json");
        Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1'}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: x, user: u}\ncurrent-context: x\n");
        List<String[]> calls = new ArrayList<>();
        calls.add(new String[] {"docker-config", "--registry", "crpi-a.cn-hangzhou.personal.cr.aliyuncs.com", "--username", USER, "--password-stdin", "--output", config.toString()});
        calls.add(new String[] {"docker-config", "--registry", "registry.cn-beijing.aliyuncs.com", "--username", USER, "--password-stdin", "--output", config.toString(), "--json"});
        calls.add(new String[] {"docker-config", "--registry", "bad host", "--username", USER, "--password-stdin", "--output", config.toString()});
        calls.add(new String[] {"docker-config", "--registry", "h.io", "--username", "with:colon", "--password-stdin", "--output", config.toString()});
        calls.add(new String[] {"docker-config", "--registry", "h.io", "--username", USER, "--password-stdin", "--output", tmp.resolve("c/config.json/x").toString()});
        calls.add(new String[] {"kaniko-secret", "--name", "s", "--namespace", "ci", "--registry", "h.io", "--username", USER, "--password-stdin"});
        calls.add(new String[] {"kaniko-secret", "--name", "s", "--namespace", "ci", "--registry", "h.io", "--username", USER, "--password-stdin", "--output", "json"});
        calls.add(new String[] {"kaniko-secret", "--name", "s", "--namespace", "ci", "--registry", "h.io", "--username", USER, "--password-stdin",
            "--apply", "--kubeconfig", kubeconfig.toString()});
        calls.add(new String[] {"kaniko-secret", "--name", "S!", "--namespace", "ci", "--registry", "h.io", "--username", USER, "--password-stdin"});
        calls.add(new String[] {"kaniko-secret", "--name", "s", "--namespace", "ci", "--from-docker-config", config.toString()});
        calls.add(new String[] {"kaniko-pod", "--secret", "s"});
        calls.add(new String[] {"ref", "--registry", "h.io/ns", "--repository", "app", "--build-number", "1", "--json"});
        calls.add(new String[] {"parse", "h.io/ns/app:1"});
        for (String[] call : calls) {
            CliRun r = CliRun.withStdin(PASSWORD + "\n", call);
            String printed = r.all();
            assertFalse(printed.contains(PASSWORD), () -> String.join(" ", call) + " printed the password");
            assertFalse(printed.contains(auth), () -> String.join(" ", call) + " printed base64(user:password)");
            assertFalse(printed.contains("Kn0wn"), () -> String.join(" ", call) + " printed part of the password");
        }
    }

    /** A password typed as an argument, as in {@code docker login -p}. */
    private static final String TYPED = "hunter2-S3cret";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "docker-config|--registry|h.io|--username|u|--password=" + TYPED,
        "docker-config|--registry|h.io|--username|u|--password|" + TYPED,
        "docker-config|--password|" + TYPED + "|--registry|h.io|--username|u",
        "docker-config|--registry|h.io|--username|u|-p|" + TYPED,
        "docker-config|--registry|h.io|--username|u|-p" + TYPED,
        "docker-config|--registry|h.io|--username|u|--password",
        "kaniko-secret|--name|s|--namespace|ci|--registry|h.io|--username|u|--password=" + TYPED,
        "kaniko-secret|--name|s|--namespace|ci|--registry|h.io|--username|u|-p|" + TYPED,
        "push|docker-archive:a.tar|h.io/team/app:1|--username|u|--password=" + TYPED,
        "push|docker-archive:a.tar|h.io/team/app:1|--username|u|--password|" + TYPED,
        "push|--password=" + TYPED + "|docker-archive:a.tar|h.io/team/app:1",
        "push|docker-archive:a.tar|h.io/team/app:1|-p" + TYPED,
    })
    void aPasswordOptionIsRefusedWithoutEchoingItsValue(String line) {
        String[] args = line.split("\\|");
        if (args[0].equals("push")) {
            assertNull(PushArguments.parse(List.of(args).subList(1, args.length)), "left to picocli");
        }
        CliRun r = CliRun.withStdin("pw\n", args);
        assertEquals(Main.INVALID, r.code(), r.all());
        assertEquals("", r.out());
        assertEquals("aliyun-cr: error: passwords are read from standard input: use --password-stdin (see: aliyun-cr " + args[0] + " --help)\n",
                r.err().replace(TYPED, "****"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "push|docker://h.io/a/b:1|h.io/team/app:1|--source-username|s|--source-password=" + TYPED,
        "push|docker://h.io/a/b:1|h.io/team/app:1|--source-username|s|--source-password|" + TYPED,
    })
    void aSourcePasswordOptionIsRefusedWithoutEchoingItsValue(String line) {
        String[] args = line.split("\\|");
        CliRun r = CliRun.withStdin("pw\n", args);
        assertEquals(Main.INVALID, r.code(), r.all());
        assertEquals("aliyun-cr: error: passwords are read from standard input: use --source-password-stdin (see: aliyun-cr push --help)\n",
                r.err().replace(TYPED, "****"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--password=" + TYPED,
        "parse|--password=" + TYPED + "|nginx",
        "ref|--registry|h.io|--repository|app|--token=" + TYPED,
        "ref|--registry|h.io|--repository|app|--secret|" + TYPED,
        "docker-config|--registry|h.io|--username|u|--docker-password=" + TYPED,
        "docker-config|--registry|h.io|--username|u|--registry-password|" + TYPED,
        "docker-config|--registry|h.io|--username|u|--password-stdin=" + TYPED,
        "docker-config|--registry|h.io|--username|u|--password-stdin|" + TYPED,
        "kaniko-secret|--name|s|--namespace|ci|--registry|h.io|--username|u|--password-stdin|" + TYPED,
        "push|docker-archive:a.tar|h.io/team/app:1|--source-password-stdin|" + TYPED,
        "docker-config|--registry|h.io|--username|--password=" + TYPED,
        "kaniko-secret|--name|s|--namespace|ci|--registry|h.io|--username|u|--pw=" + TYPED,
        "kaniko-secret|--name|s|--namespace|ci|--registry|h.io|--auth=" + TYPED,
        "push|docker-archive:a.tar|h.io/team/app:1|--password-stdin=" + TYPED,
        "push|docker-archive:a.tar|h.io/team/app:1|--api-token=" + TYPED,
        "push|docker-archive:a.tar|h.io/team/app:1|--username|--password=" + TYPED,
        "push|docker-archive:a.tar|h.io/team/app:1|--source-token|" + TYPED,
    })
    void picocliNeverEchoesTheValueOfASecretLookingOption(String line) {
        String[] args = line.split("\\|");
        if (args[0].equals("push")) {
            assertNull(PushArguments.parse(List.of(args).subList(1, args.length)), "left to picocli");
        }
        CliRun r = CliRun.withStdin("pw\n", args);
        assertEquals(Main.INVALID, r.code(), r.all());
        assertFalse(r.all().contains("hunter2"), () -> r.all().replace(TYPED, "****"));
        assertTrue(r.err().startsWith("aliyun-cr: error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "push|docker-archive:a.tar|alice:" + TYPED + "@registry.example.com",
        "push|docker://alice:" + TYPED + "@registry.example.com|h.io/team/app:1",
        "push|alice:" + TYPED + "@registry.example.com/app:1|h.io/team/app:1",
        "push|docker-archive:a.tar|alice:" + TYPED + "@registry.example.com|--json=true",
        "parse|alice:" + TYPED + "@registry.example.com",
        "parse| alice:" + TYPED + "@registry.example.com",
        "kaniko-pod|--secret|s|--image|alice:" + TYPED + "@registry.example.com",
    })
    void aLoginInAReferenceIsRefusedWithoutEchoingIt(String line) {
        String[] args = line.split("\\|");
        CliRun r = CliRun.withStdin("", args);
        assertEquals(Main.INVALID, r.code(), r.all());
        assertFalse(r.all().contains("hunter2"), () -> r.all().replace(TYPED, "****"));
        assertTrue(r.err().contains("contains a login before '@'"), r.err());
    }
}
