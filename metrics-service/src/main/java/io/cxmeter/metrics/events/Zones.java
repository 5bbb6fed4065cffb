package io.cxmeter.metrics.events;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.cxmeter.problem.ProblemException;

/** The tenant's time zone from the verified token (the gateway's tenant setting), UTC when it names none. */
public final class Zones {

    private Zones() {
    }

    public static ZoneId of(String id) {
        if (id == null || id.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("The tenant's time zone '" + id + "' is not an IANA time zone");
        }
    }
}
