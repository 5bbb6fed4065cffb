package io.cxmeter.ticket.reviews;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ScorecardRequest", example = "{\"name\":\"Support QA\",\"categories\":[{\"name\":\"Tone\",\"weight\":1,"
        + "\"maxPoints\":5,\"critical\":false},{\"name\":\"Correct answer\",\"weight\":2,\"maxPoints\":4,\"critical\":true}]}")
public record ScorecardRequest(@NotBlank @Size(max = 200) String name,
        @NotNull @Size(min = 1, max = 50) List<Scorecard.Category> categories) {
}
