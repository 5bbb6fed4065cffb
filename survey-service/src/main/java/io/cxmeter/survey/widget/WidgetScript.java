package io.cxmeter.survey.widget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.problem.ProblemException;

/**
 * Serves the public browser files (the gateway forwards /widget without credentials):
 * {@code widget.js}, the embeddable survey widget, and the stylesheet and script of the rating-link
 * pages. Browsers may keep them five minutes and then revalidate by ETag, so a new version reaches
 * every site within minutes.
 */
@Path("/widget/v1/{file}")
@Tag(name = "Public: widget",
        description = "What the embeddable survey widget calls from a customer's browser; no credentials, the survey's public key names it")
@PermitAll
public class WidgetScript {

    private record Asset(byte[] bytes, String type, String etag) {
    }

    private static final Map<String, Asset> ASSETS = Map.of(
            "widget.js", load("widget.js", "text/javascript; charset=utf-8"),
            "rating.js", load("rating.js", "text/javascript; charset=utf-8"),
            "rating.css", load("rating.css", "text/css; charset=utf-8"));

    @GET
    @Operation(operationId = "getWidgetFile", summary = "The embeddable survey widget (widget.js: plain JavaScript, no dependencies) and the rating pages' files")
    @APIResponse(responseCode = "200", description = "The file (widget.js, rating.js or rating.css), with its ETag",
            content = {@Content(mediaType = "text/javascript", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = "text/css", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "304", description = "The copy named by If-None-Match is still current")
    @APIResponse(responseCode = "404", description = "No such file")
    public RestResponse<byte[]> file(@PathParam("file") String file, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Asset asset = ASSETS.get(file);
        if (asset == null) {
            throw ProblemException.notFound("No file " + file + " here; the widget is widget.js.");
        }
        if (asset.etag().equals(ifNoneMatch)) {
            return RestResponse.ResponseBuilder.<byte[]>create(RestResponse.Status.NOT_MODIFIED).header("ETag", asset.etag()).build();
        }
        return RestResponse.ResponseBuilder.ok(asset.bytes(), asset.type())
                .header("ETag", asset.etag())
                .header("Cache-Control", "public, max-age=300")
                // Sites that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .build();
    }

    private static Asset load(String name, String type) {
        try (InputStream in = WidgetScript.class.getResourceAsStream("/widget/" + name)) {
            if (in == null) {
                throw new IllegalStateException("widget/" + name + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(bytes, type, "\"" + sha256(bytes) + "\"");
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
