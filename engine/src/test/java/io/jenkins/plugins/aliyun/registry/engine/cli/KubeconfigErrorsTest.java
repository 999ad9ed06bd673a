package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kaniko-secret --apply} with a kubeconfig that cannot be read: the error names the file and,
 * for a YAML error, the position, but never quotes the file (a YAML parser's message shows the
 * offending line, here the one with the token).
 */
class KubeconfigErrorsTest {

    private static final String TOKEN = "eyJhbGciOi.Kube-T0ken-s3cret";

    @TempDir
    Path tmp;

    private static String kubeconfig(String user) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: x\n  cluster: {server: 'https://127.0.0.1:1'}\n"
                + "users:\n- name: u\n  user:\n" + user
                + "contexts:\n- name: x\n  context: {cluster: x, user: u}\ncurrent-context: x\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what | the user's entries, indented below "user:" unless they start with a tab (TOKEN is put in for T) | the position to name
        "a ':' after the token            | token: T: x\\n               | line 9, column 40",
        "a token in an unclosed quote     | token: \"T\\n  x: [\\n        | line 9, column 12",
        "a tab before the token           | \\ttoken: T\\n              | line 9, column 1",
        "a token as an alias              | token: *T\\n                 | line 9, column",
        "a duplicate key after the token  | token: T\\nusers: T\\n        | line 10, column 1",
    })
    void aBrokenKubeconfigIsNamedWithoutQuotingIt(String what, String user, String position) throws Exception {
        Path file = tmp.resolve("kubeconfig");
        String entry = user.strip().replace("\\n", "\n").replace("\\t", "\t").replace("T", TOKEN);
        Files.writeString(file, kubeconfig(entry.startsWith("\t") ? entry : "    " + entry));
        for (CliRun r : new CliRun[] {apply("--kubeconfig", file.toString()), applyWithDefaultKubeconfig(file)}) {
            assertEquals(2, r.code(), what + ": " + r.all()); // bad input, found before any request
            assertFalse(r.all().contains("T0ken"), () -> what + ": printed the token: " + r.all().replace(TOKEN, "****"));
            assertTrue(r.err().startsWith("aliyun-cr: error: the kubeconfig " + file + " is not valid YAML ("), what + ": " + r.err());
            assertTrue(r.err().contains(position == null ? "" : position.strip()), what + ": " + r.err());
            assertTrue(r.err().contains(": correct the file (kubectl config view"), what + ": no fix in " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void aKubeconfigOfTheWrongShapeIsNamedWithoutQuotingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nusers: " + TOKEN + "\n");
        CliRun r = apply("--kubeconfig", file.toString());
        assertEquals(1, r.code(), r.all());
        assertFalse(r.all().contains("T0ken"), () -> "printed the token: " + r.all().replace(TOKEN, "****"));
        assertEquals("aliyun-cr: error: cannot load the kubeconfig " + file + " (IllegalArgumentException): check that it is a kubeconfig"
                + " (kubectl --kubeconfig FILE config view) and that the context exists\n", r.err());
    }

    /** fabric8 fails to build the client (not to load the file) when a client key cannot be read; that is not an "unexpected" error. */
    @Test
    void aClientKeyThatCannotBeReadIsExplainedWithoutQuotingIt() throws Exception {
        String keyData = java.util.Base64.getEncoder().encodeToString(("-----BEGIN EC PRIVATE KEY-----\n" + TOKEN + "\n").getBytes());
        Path file = tmp.resolve("kubeconfig");
        Files.writeString(file, kubeconfig("    client-certificate-data: " + keyData + "\n    client-key-data: " + keyData + "\n"));
        CliRun r = apply("--kubeconfig", file.toString());
        assertEquals(1, r.code(), r.all());
        assertFalse(r.all().contains("T0ken") || r.all().contains(keyData), () -> "printed the key: " + r.all().replace(TOKEN, "****"));
        assertTrue(r.err().startsWith("aliyun-cr: error: cannot set up the Kubernetes client from the kubeconfig " + file + " ("), r.err());
        assertTrue(r.err().endsWith("Exception): check its client-certificate, client-key and certificate-authority files or data"
                + " (kubectl --kubeconfig FILE get ns shows whether kubectl can use it)\n"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    private static CliRun apply(String... kube) {
        String[] args = {"kaniko-secret", "--name", "s", "--namespace", "ci", "--registry", "h.io", "--username", "u", "--password-stdin", "--apply"};
        String[] all = new String[args.length + kube.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(kube, 0, all, args.length, kube.length);
        return CliRun.withStdin("pw\n", all);
    }

    /** Without --kubeconfig fabric8 reads the file the kubeconfig system property (or $KUBECONFIG) names. */
    private static CliRun applyWithDefaultKubeconfig(Path file) {
        String before = System.getProperty("kubeconfig");
        System.setProperty("kubeconfig", file.toString());
        try {
            return apply();
        } finally {
            if (before == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", before);
            }
        }
    }
}
