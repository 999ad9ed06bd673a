package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
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
}
