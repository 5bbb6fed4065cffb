package io.cxmeter.survey.surveys;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.outbox.Outbox;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.survey.Page;
import io.cxmeter.survey.Secrets;
import io.cxmeter.survey.TimeCursor;
import io.cxmeter.survey.texts.BuiltInTexts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@ApplicationScoped
public class SurveyService {

    @Inject
    Pool pool;

    @Inject
    SurveyRepository surveys;

    @Inject
    Outbox outbox;

    public Uni<SurveyView> create(String tenantId, SurveyRequest request) {
        SurveyScale scale = SurveyScale.resolve(request.kind(),
                request.scale() == null ? null : request.scale().min(),
                request.scale() == null ? null : request.scale().max(),
                request.positiveFrom());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Survey survey = new Survey();
        survey.id = UUID.randomUUID();
        survey.tenantId = tenantId;
        survey.name = request.name().strip();
        survey.kind = request.kind();
        survey.scaleMin = scale.min();
        survey.scaleMax = scale.max();
        survey.positiveFrom = scale.positiveFrom();
        survey.followUp = Boolean.TRUE.equals(request.followUp());
        survey.status = SurveyStatus.ACTIVE;
        survey.publicKey = newPublicKey();
        survey.defaultLocale = BuiltInTexts.FALLBACK;
        survey.askComment = true;
        survey.allowedOrigins = List.of();
        survey.zone = outbox.zone();
        survey.createdAt = now;
        survey.updatedAt = now;
        SurveyPresentation.apply(survey, request.presentation());
        return surveys.insert(pool, survey).map(done -> SurveyView.of(survey));
    }

    public Uni<SurveyView> change(String tenantId, UUID id, SurveyChanges changes) {
        return changed(tenantId, id, survey -> {
            if (changes.status() != null && changes.status() != survey.status) {
                if (survey.status == SurveyStatus.ARCHIVED) {
                    throw ProblemException.conflict("The survey is archived; archiving is final.");
                }
                survey.status = changes.status();
            }
            if (changes.followUp() != null) {
                survey.followUp = changes.followUp();
            }
            if (changes.name() != null) {
                survey.name = changes.name().strip();
            }
            SurveyPresentation.apply(survey, changes);
            survey.zone = outbox.zone();
        });
    }

    /** A new public key: the widget and links that use the old one stop working at once. */
    public Uni<SurveyView> rotatePublicKey(String tenantId, UUID id) {
        return changed(tenantId, id, survey -> survey.publicKey = newPublicKey());
    }

    /** Applies {@code change} to the tenant's survey, locked, and stores it: one transaction, nothing stored if it refuses. */
    private Uni<SurveyView> changed(String tenantId, UUID id, java.util.function.Consumer<Survey> change) {
        return pool.withTransaction(connection -> surveys.findForTenant(connection, tenantId, id, true).flatMap(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("No survey " + id + ".");
            }
            change.accept(survey);
            survey.updatedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return surveys.update(connection, survey).map(done -> SurveyView.of(survey));
        }));
    }

    public Uni<SurveyView> get(String tenantId, UUID id) {
        return surveys.findForTenant(pool, tenantId, id, false).map(survey -> {
            if (survey == null) {
                throw ProblemException.notFound("No survey " + id + ".");
            }
            return SurveyView.of(survey);
        });
    }

    public Uni<Page<SurveyView>> list(String tenantId, String cursor, int limit) {
        return surveys.page(pool, tenantId, TimeCursor.decode(cursor), limit + 1).map(rows -> {
            Page<Survey> page = TimeCursor.page(rows, limit, last -> new TimeCursor(last.createdAt, last.id));
            return new Page<>(page.items().stream().map(SurveyView::of).toList(), page.nextCursor());
        });
    }

    private static String newPublicKey() {
        return "pk_" + Secrets.random(18);
    }
}
