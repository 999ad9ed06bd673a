package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an {@code oci:} source splits into directory and tag, Windows drives included. */
class ImageSourceParseTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "oci:/work/layout        | /work/layout       | -",
        "oci:/work/layout:v1     | /work/layout       | v1",
        "oci:layout:v1           | layout             | v1",
        "oci:C:\\work\\layout    | C:\\work\\layout   | -",
        "oci:C:\\work\\layout:v1 | C:\\work\\layout   | v1",
        "oci:d:/work/layout:v1   | d:/work/layout     | v1",
        "oci:C:layout:v1         | C                  | layout:v1",
    })
    void anOciSourceSplitsAtTheFirstColonAfterAnyWindowsDrive(String source, String directory, String tag) throws Exception {
        OciLayoutSource oci = assertInstanceOf(OciLayoutSource.class, ImageSource.parse(source, RegistryAccess.anonymous()));
        assertEquals(Path.of(directory), oci.directory(), source);
        if (tag == null) {
            assertNull(oci.tag(), source);
        } else {
            assertEquals(tag, oci.tag(), source);
        }
    }

    @Test
    void theSyntaxCheckLeavesPathsToTheMachineThatReadsThem() throws Exception {
        String agentsPath = "docker-archive:out/app\u0000.tar"; // no file system here takes a NUL; the point is that none is asked
        InvalidInputException here = assertThrows(InvalidInputException.class, () -> ImageSource.parse(agentsPath, RegistryAccess.anonymous()));
        assertTrue(here.getMessage().contains("is not a valid path"), here.getMessage());
        assertEquals(Optional.empty(), ImageSource.checkSyntax(agentsPath));
        assertEquals(Optional.empty(), ImageSource.checkSyntax("oci:C:\\build\\layout:v1"));
        assertEquals(Optional.of("registry.example.com:5000"), ImageSource.checkSyntax("docker://registry.example.com:5000/team/app:1"));
        assertEquals(Optional.of("docker.io"), ImageSource.checkSyntax("docker://nginx"));
        for (String bad : new String[] {"", "docker-archive:", "oci:", "oci::v1", "docker-daemon:app:1", "image.tar", "docker://registry.example.com/Team/app:1"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageSource.checkSyntax(bad), bad);
            InvalidInputException p = assertThrows(InvalidInputException.class, () -> ImageSource.parse(bad, RegistryAccess.anonymous()), bad);
            assertEquals(p.getMessage(), e.getMessage(), "the same message as when the source is read: " + bad);
        }
    }
}
