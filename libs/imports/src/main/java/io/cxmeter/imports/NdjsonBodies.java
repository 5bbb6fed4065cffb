package io.cxmeter.imports;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * An import's body is NDJSON text, and the API document says so: a string, not an opaque binary
 * stream, so that generated clients send the lines as they are instead of serializing a file handle.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class NdjsonBodies implements OASFilter {

    static final String NDJSON = "application/x-ndjson";

    @Override
    public RequestBody filterRequestBody(RequestBody requestBody) {
        MediaType ndjson = requestBody.getContent() == null ? null : requestBody.getContent().getMediaType(NDJSON);
        if (ndjson != null) {
            ndjson.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                    .description("One JSON object a line (docs/api.md shows each kind's fields), UTF-8, up to 256 MB"));
        }
        return requestBody;
    }
}
