package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.aliyun.registry.engine.push.HttpConnections.Request;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpConnectionsTest {

    @Test
    void aRequestShowsOnlyItsMethodAndUriNeverItsHeaders() {
        Request r = Request.of("GET", URI.create("https://auth.example.test/token?service=registry&scope=repository:a:pull"))
                .header("Authorization", "Basic dXNlcjpzM2NyZXQ=")
                .header("User-Agent", "aliyun-cr");

        assertEquals("Request[GET https://auth.example.test/token?service=registry&scope=repository:a:pull]", r.toString());
        assertEquals(r.toString(), r.body(HttpConnections.Body.of(new byte[] {1})).toString());
    }
}
