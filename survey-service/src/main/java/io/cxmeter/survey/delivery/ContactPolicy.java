package io.cxmeter.survey.delivery;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's fatigue budget for each of its customers, across every survey and channel: at most
 * {@code maxAsks} asks per {@code perDays} days, and at least {@code minDaysBetween} days between two.
 */
@Schema(name = "ContactPolicy")
public record ContactPolicy(
        @NotNull @Min(1) @Max(100) Integer maxAsks,
        @NotNull @Min(1) @Max(365) Integer perDays,
        @NotNull @Min(0) @Max(365) Integer minDaysBetween,
        @Schema(readOnly = true) Instant updatedAt) {
}
