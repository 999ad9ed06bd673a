package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
