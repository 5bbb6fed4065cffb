package io.cxmeter.metrics.query;

import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Counters.Customer;
import io.cxmeter.metrics.rollup.State;

/**
 * The customer counts of one period (docs/metrics.md, customer metrics) and the metrics made of them.
 * {@code beforeFrom} and {@code beforeTo} sum the customer deltas before {@code from} and {@code to}
 * (since +1, churned +1), {@code during} those in the period.
 */
record CustomerNumbers(State beforeFrom, State beforeTo, State during, long joinedAndChurned, State interactions,
        State purchases, double days) {

    /** S: customers active at from (since < from, not churned before from). */
    long start() {
        return beforeFrom.count(Customer.SINCE) - beforeFrom.count(Customer.CHURNED);
    }

    /** E: customers active at to. */
    long end() {
        return beforeTo.count(Customer.SINCE) - beforeTo.count(Customer.CHURNED);
    }

    /** N: customers whose since is in the period. */
    long joined() {
        return during.count(Customer.SINCE);
    }

    /** L: customers of S who churned in the period (those who joined in the period are not in S). */
    long churned() {
        return during.count(Customer.CHURNED) - joinedAndChurned;
    }

    Value churnRate() {
        long s = start();
        return new Value(s == 0 ? null : 100.0 * churned() / s, s,
                Formulas.details("startCustomers", s, "churned", churned()));
    }

    Value retentionRate() {
        long s = start();
        return new Value(s == 0 ? null : 100.0 * (end() - joined()) / s, s,
                Formulas.details("startCustomers", s, "endCustomers", end(), "newCustomers", joined()));
    }

    Value referralRate() {
        long n = joined();
        long referred = during.count(Customer.REFERRED);
        return new Value(n == 0 ? null : 100.0 * referred / n, n, Formulas.details("newCustomers", n, "referred", referred));
    }

    Value engagement() {
        // Active in the period: since < to and not churned before from.
        long active = beforeTo.count(Customer.SINCE) - beforeFrom.count(Customer.CHURNED);
        long interactionCount = interactions.count(Counters.Interaction.INTERACTIONS);
        long engaged = interactions.count(Counters.Read.ENGAGED);
        return new Value(active == 0 ? null : (double) interactionCount / active, active,
                Formulas.details("activeCustomers", active, "interactions", interactionCount, "engagedCustomers", engaged,
                        "engagedPercent", active == 0 ? null : 100.0 * engaged / active));
    }

    Value clv() {
        double revenue = purchases.get(Counters.Read.REVENUE);
        long buyers = purchases.count(Counters.Read.BUYERS);
        long s = start();
        Double yearlyValue = buyers == 0 ? null : (revenue / buyers) * 365 / days;
        Double churnRate = s == 0 ? null : 100.0 * churned() / s;
        Double yearlyChurn = churnRate == null ? null : (churnRate / 100) * 365 / days;
        String reason = buyers == 0 ? "no purchases in the period"
                : yearlyChurn == null || yearlyChurn == 0 ? "no churn in the period" : null;
        Double value = reason == null ? yearlyValue / yearlyChurn : null;
        return new Value(value, buyers, Formulas.details("revenue", revenue, "purchasingCustomers", buyers, "days", days,
                "yearlyValuePerCustomer", yearlyValue, "yearlyChurn", yearlyChurn, "churnRate", churnRate, "reason", reason));
    }
}
