package io.jenkins.plugins.aliyun.registry.testing;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.aliyun.registry.catalogue.AliyunRegistryConfiguration;
import io.jenkins.plugins.aliyun.registry.catalogue.RegistryDefinition;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Credentials, catalogue entries and build-directory searches shared by the tests. */
public final class Fixtures {

    /** A password with the characters that break naive quoting, long enough for FIPS checks. */
    public static final String PASSWORD = "s3cr$t:Pa55 \"word\"-0123456789";

    public static final String USERNAME = "robot$ci";

    private Fixtures() {}

    /** Adds a global "Username with password" credential. */
    public static void addCredentials(String id, String username, String password) throws Exception {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getCredentials()
                .add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, id, username, password));
        provider.save();
    }

    /** Adds a catalogue entry. */
    public static RegistryDefinition addRegistry(String name, String host, String credentialsId) {
        RegistryDefinition entry = new RegistryDefinition(name, host);
        entry.setCredentialsId(credentialsId);
        List<RegistryDefinition> all =
                new ArrayList<>(AliyunRegistryConfiguration.get().getRegistries());
        all.add(entry);
        AliyunRegistryConfiguration.get().setRegistries(all);
        return entry;
    }

    /** {@code base64(user:password)}, the docker {@code auth} field. */
    public static String auth(String username, String password) {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Files under the build directory whose content contains {@code secret}. */
    public static List<Path> filesContaining(Run<?, ?> run, String secret) throws IOException {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(run.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (text.contains(secret)) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }

    /** Temporary docker config directories left next to a workspace. */
    public static List<String> leftoverDockerConfigs(FilePath workspace) throws Exception {
        FilePath tmp = workspace.sibling(workspace.getName() + "@tmp");
        if (tmp == null || !tmp.exists()) {
            return List.of();
        }
        List<String> left = new ArrayList<>();
        for (FilePath child : tmp.list()) {
            if (child.getName().startsWith("docker-config")) {
                left.add(child.getRemote());
            }
        }
        return left;
    }

    /** True if the path exists on this machine. */
    public static boolean exists(String path) {
        return new File(path).exists();
    }
}
