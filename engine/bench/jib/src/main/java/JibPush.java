import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jib-core way to do what the bench measures: JibPush SOURCE DEST AUTHFILE CACHEDIR, SOURCE being
 * docker-archive:PATH or docker://REF. Credentials come from AUTHFILE (a docker config.json), never
 * from the command line; TLS trust from the JVM truststore (-Djavax.net.ssl.trustStore), the only
 * way jib has.
 */
public final class JibPush {
    public static void main(String[] args) throws Exception {
        String source = args[0];
        String dest = args[1];
        String auth = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
        Path cache = Path.of(args[3]);
        Matcher m = Pattern.compile("\"auth\"\\s*:\\s*\"([^\"]+)\"").matcher(auth);
        if (!m.find()) {
            throw new IllegalArgumentException("no auth in " + args[2]);
        }
        String[] userPass = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8).split(":", 2);
        JibContainerBuilder builder;
        if (source.startsWith("docker-archive:")) {
            builder = Jib.from(TarImage.at(Path.of(source.substring("docker-archive:".length()))));
        } else {
            builder = Jib.from(RegistryImage.named(source.substring("docker://".length())).addCredential(userPass[0], userPass[1]));
        }
        JibContainer c = builder.containerize(Containerizer.to(RegistryImage.named(dest).addCredential(userPass[0], userPass[1]))
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("app")));
        System.out.println(dest + "@" + c.getDigest());
    }
}
