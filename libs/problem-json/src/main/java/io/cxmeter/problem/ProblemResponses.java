package io.cxmeter.problem;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every service's OpenAPI document describes its errors the way they are sent: each 4xx and 5xx
 * answer carries an {@code application/problem+json} {@link Problem}, and an operation that reads a
 * body or query parameters documents the 400 that rejects them, so a generated client can turn any
 * error into a typed one.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    static final String VIOLATION = "ProblemViolation";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problem()).addSchema(VIOLATION, violation());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                document(operation);
            }
        }
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        boolean readsInput = operation.getRequestBody() != null || (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY));
        if (readsInput && (responses == null || !responses.containsKey("400"))) {
            operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                    .description("The request is not valid; the problem names each bad field or parameter"));
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && (response.getContent() == null
                    || response.getContent().getMediaTypes() == null || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(content());
            }
        });
    }

    static Content content() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    private static Schema problem() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: the one error shape of the whole API")
                .required(List.of("type", "title", "status"))
                .addProperty("type", text("A URI naming the kind of problem; about:blank when the status says it all"))
                .addProperty("title", text("The short, stable summary of that kind"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").description("The HTTP status, repeated"))
                .addProperty("detail", text("What went wrong with this request, for a human to act on"))
                .addProperty("instance", text("The request path the problem is about"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("One entry per invalid field, parameter or import line")
                        .items(OASFactory.createSchema().ref(VIOLATION)));
    }

    private static Schema violation() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid part of a request: a JSON field or query parameter, or an import line")
                .required(List.of("error"))
                .addProperty("field", text("The field or parameter, as a JSON path (customer.email)"))
                .addProperty("line", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").description("The import line, counted from 1"))
                .addProperty("error", text("What is wrong with it"));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
