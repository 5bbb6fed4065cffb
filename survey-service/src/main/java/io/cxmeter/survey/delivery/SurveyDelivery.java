package io.cxmeter.survey.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.imports.TenantIds;
import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.invitations.InvitationConfig;
import io.cxmeter.survey.widget.PublicSurvey;
import io.cxmeter.survey.widget.WidgetConfig;
import io.cxmeter.survey.widget.WidgetService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** When a survey sends itself by e-mail: on a ticket's resolution, and whether it reminds. */
@Path("/api/v1/surveys/{surveyId}/delivery")
@Tag(name = "Delivery")
public class SurveyDelivery {

    /**
     * The survey's triggers. With {@code onTicketResolved}, a ticket resolved on one of {@code channels}
     * by one of {@code teams} (empty: any) gets the survey by e-mail {@code delayMinutes} later, unless
     * it is reopened first. {@code reminderAfterDays}: one reminder when still unanswered (null: none).
     */
    @Schema(name = "SurveyDelivery")
    public record Settings(boolean onTicketResolved,
            @NotNull @Min(0) @Max(43200) Integer delayMinutes,
            @NotNull @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z_]{1,20}", message = "must be a channel such as email or chat") String> channels,
            @NotNull @Size(max = 50) List<@NotNull @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String> teams,
            @Min(1) @Max(60) Integer reminderAfterDays,
            @Schema(readOnly = true) Instant updatedAt) {

        static final Settings NONE = new Settings(false, 0, List.of(), List.of(), null, null);
    }

    @Inject
    Caller caller;

    @Inject
    Pool pool;

    @Inject
    MailSettingsStore mailSettings;

    @Inject
    InvitationConfig invitations;

    @GET
    @Operation(operationId = "getSurveyDelivery", summary = "When the survey sends itself by e-mail")
    @APIResponse(responseCode = "200", description = "The survey's triggers (none set: it sends only when asked to)")
    @APIResponse(responseCode = "404", description = "No such survey")
    public Uni<Settings> get(@PathParam("surveyId") UUID surveyId) {
        return exists(surveyId).flatMap(found -> find(pool, surveyId)).map(s -> s == null ? Settings.NONE : s);
    }

    @PUT
    @RolesAllowed(InternalCaller.ROLE_WRITE)
    @Operation(operationId = "setSurveyDelivery", summary = "Set when the survey sends itself by e-mail")
    @APIResponse(responseCode = "200", description = "Stored")
    @APIResponse(responseCode = "404", description = "No such survey")
    public Uni<Settings> put(@PathParam("surveyId") UUID surveyId, @NotNull @Valid Settings settings) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return exists(surveyId).flatMap(found -> pool.preparedQuery("""
                INSERT INTO survey_delivery (survey_id, tenant_id, on_resolution, delay_minutes, channels, teams,
                                             reminder_after_days, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (survey_id) DO UPDATE SET on_resolution = EXCLUDED.on_resolution,
                    delay_minutes = EXCLUDED.delay_minutes, channels = EXCLUDED.channels, teams = EXCLUDED.teams,
                    reminder_after_days = EXCLUDED.reminder_after_days, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(surveyId, caller.tenantId(), settings.onTicketResolved(),
                        settings.delayMinutes(), settings.channels().toArray(String[]::new),
                        settings.teams().toArray(String[]::new), settings.reminderAfterDays(), now))))
                .map(done -> new Settings(settings.onTicketResolved(), settings.delayMinutes(), settings.channels(),
                        settings.teams(), settings.reminderAfterDays(), now.toInstant()));
    }

    /** A survey e-mail as a customer would get it, with links that go nowhere. */
    @Schema(name = "EmailPreview")
    public record Preview(String locale, String subject, String from, String text, String html) {
    }

    @GET
    @Path("/preview")
    @Operation(operationId = "previewSurveyEmail", summary = "The survey's e-mail in a language, as the tenant's relay settings make it (nothing is sent or recorded)")
    @APIResponse(responseCode = "200", description = "Subject, sender and both parts; its links are placeholders")
    @APIResponse(responseCode = "404", description = "No such survey")
    public Uni<Preview> preview(@PathParam("surveyId") UUID surveyId,
            @QueryParam("locale") @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag like lt or lt-LT") String locale,
            @QueryParam("reminder") @DefaultValue("false") boolean reminder) {
        String tenantId = caller.tenantId();
        return pool.preparedQuery("SELECT " + PublicSurvey.COLUMNS + " FROM survey WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, surveyId)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No survey " + surveyId);
                    }
                    PublicSurvey survey = PublicSurvey.of(rows.iterator().next());
                    return mailSettings.find(tenantId).map(found -> {
                        MailSettings relay = found != null ? found : new MailSettings(tenantId, "", 0,
                                MailSettings.Security.NONE, null, null, "surveys@example.com", null, null, null, Instant.now());
                        WidgetConfig texts = WidgetService.config(survey.facts().id().toString(), survey,
                                locale == null ? survey.defaultLocale() : locale, true);
                        var mail = MailComposer.compose(new MailComposer.Letter(relay, texts,
                                invitations.publicUrl().resolve("r/preview/"), "customer@example.com", null, reminder, "preview"));
                        return new Preview(texts.locale(), mail.getSubject(), mail.getFrom(), mail.getText(), mail.getHtml());
                    });
                });
    }

    private Uni<Boolean> exists(UUID surveyId) {
        return pool.preparedQuery("SELECT 1 FROM survey WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(caller.tenantId(), surveyId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("No survey " + surveyId);
                    }
                    return true;
                });
    }

    static Uni<Settings> find(SqlClient client, UUID surveyId) {
        return client.preparedQuery("SELECT * FROM survey_delivery WHERE survey_id = $1").execute(Tuple.of(surveyId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Settings(row.getBoolean("on_resolution"), row.getInteger("delay_minutes"),
                            Arrays.asList(row.getArrayOfStrings("channels")), Arrays.asList(row.getArrayOfStrings("teams")),
                            row.getInteger("reminder_after_days"), row.getOffsetDateTime("updated_at").toInstant());
                });
    }
}
