package io.cxmeter.survey.widget;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to the follow-up question, added to the score just given. */
@Schema(name = "WidgetComment", example = "{\"comment\":\"Quick and friendly.\"}")
public record WidgetComment(String comment) {
}
