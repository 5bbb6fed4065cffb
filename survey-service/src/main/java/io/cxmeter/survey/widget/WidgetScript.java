package io.cxmeter.survey.widget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Serves {@code widget.js} (public; the gateway forwards /widget without credentials). Browsers may
 * keep it five minutes and then revalidate by ETag, so a new version reaches every site within minutes.
 */
@Path("/widget/v1/widget.js")
@Tag(name = "Public: widget")
@PermitAll
public class WidgetScript {

    private static final byte[] SCRIPT = load();
    private static final String ETAG = "\"" + sha256(SCRIPT) + "\"";

    @GET
    @Operation(summary = "The embeddable survey widget (plain JavaScript, no dependencies)")
    public RestResponse<byte[]> script(@HeaderParam("If-None-Match") String ifNoneMatch) {
        if (ETAG.equals(ifNoneMatch)) {
            return RestResponse.ResponseBuilder.<byte[]>create(RestResponse.Status.NOT_MODIFIED).header("ETag", ETAG).build();
        }
        return RestResponse.ResponseBuilder.ok(SCRIPT, "text/javascript; charset=utf-8")
                .header("ETag", ETAG)
                .header("Cache-Control", "public, max-age=300")
                // Sites that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .build();
    }

    private static byte[] load() {
        try (InputStream in = WidgetScript.class.getResourceAsStream("/widget/widget.js")) {
            if (in == null) {
                throw new IllegalStateException("widget/widget.js is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
