package io.cxmeter.ticket.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.imports.Fields;
import io.cxmeter.imports.NdjsonImport;
import io.cxmeter.imports.TenantIds;

/** Validates customers and engagement events, one JSON object each, for imports and the live API alike. */
public final class CustomerLines {

    static final int MAX_PURCHASES = 10_000;
    static final int MAX_ATTRIBUTES = 100;

    public record PurchaseLine(BigDecimal amount, String at) {
    }

    public record CustomerLine(String id, String since, String churnedAt, Boolean referred, List<PurchaseLine> purchases,
            Map<String, Object> attributes) {
    }

    public record EngagementLine(String customerId, String type, String at) {
    }

    /** An engagement event: a visit, a social reaction, a login, or a type the tenant defines. */
    public record Engagement(String customerId, String type, Instant at) {

        String key() {
            return customerId + "\u0000" + type + "\u0000" + at;
        }
    }

    private final NdjsonImport<CustomerLine, CustomerDraft> customers;
    private final NdjsonImport<EngagementLine, Engagement> engagements;

    public CustomerLines(ObjectMapper mapper) {
        customers = new NdjsonImport<>(mapper, CustomerLine.class, CustomerLines::customer, CustomerDraft::id, "customer");
        engagements = new NdjsonImport<>(mapper, EngagementLine.class, CustomerLines::engagement, Engagement::key,
                "engagement event");
    }

    /** The line rules of a customer file. */
    public NdjsonImport<CustomerLine, CustomerDraft> customerRules() {
        return customers;
    }

    /** The line rules of an engagement file. */
    public NdjsonImport<EngagementLine, Engagement> engagementRules() {
        return engagements;
    }

    static CustomerDraft customer(CustomerLine line, List<String> problems) {
        String id = TenantIds.check(line.id(), "id", true, problems);
        Instant since = Fields.instant(line.since(), "since", true, problems);
        Instant churnedAt = Fields.instant(line.churnedAt(), "churnedAt", false, problems);
        if (since != null && churnedAt != null && churnedAt.isBefore(since)) {
            problems.add("churnedAt " + churnedAt + " is before since " + since);
        }
        List<PurchaseLine> given = line.purchases() == null ? List.of() : line.purchases();
        if (given.size() > MAX_PURCHASES) {
            problems.add("more than " + MAX_PURCHASES + " purchases");
        }
        List<CustomerDraft.Purchase> purchases = new ArrayList<>();
        for (int i = 0; i < given.size() && i < MAX_PURCHASES; i++) {
            String where = "purchases[" + i + "]";
            PurchaseLine purchase = given.get(i);
            if (purchase == null) {
                problems.add(where + " is empty");
                continue;
            }
            if (purchase.amount() == null) {
                problems.add(where + ".amount is required");
            } else if (purchase.amount().signum() < 0 || purchase.amount().scale() > 4
                    || purchase.amount().precision() - purchase.amount().scale() > 10) {
                problems.add(where + ".amount must be between 0 and 9999999999.9999");
            }
            Instant at = Fields.instant(purchase.at(), where + ".at", true, problems);
            purchases.add(new CustomerDraft.Purchase(purchase.amount(), at));
        }
        if (line.attributes() != null && line.attributes().size() > MAX_ATTRIBUTES) {
            problems.add("more than " + MAX_ATTRIBUTES + " attributes");
        }
        return problems.isEmpty()
                ? new CustomerDraft(id, since, churnedAt, Boolean.TRUE.equals(line.referred()), purchases, line.attributes())
                : null;
    }

    static Engagement engagement(EngagementLine line, List<String> problems) {
        String customer = TenantIds.check(line.customerId(), "customerId", true, problems);
        String type = Fields.text(line.type(), "type", true, problems);
        if (type != null && !type.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            problems.add("type '" + type + "' must be 1–64 lowercase letters, digits, '_', '.' or '-' (e.g. visit, login)");
        }
        Instant at = Fields.instant(line.at(), "at", true, problems);
        return problems.isEmpty() ? new Engagement(customer, type, at) : null;
    }
}
