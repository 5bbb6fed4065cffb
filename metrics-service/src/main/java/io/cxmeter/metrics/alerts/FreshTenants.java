package io.cxmeter.metrics.alerts;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Tenants whose events this instance applied since its evaluator last looked: their rules are evaluated next. */
@ApplicationScoped
public class FreshTenants {

    private final Set<String> tenants = ConcurrentHashMap.newKeySet();

    public void applied(String tenantId) {
        tenants.add(tenantId);
    }

    /** The tenants marked since the last call, forgotten by it. */
    List<String> drain() {
        List<String> drained = List.copyOf(tenants);
        tenants.removeAll(drained);
        return drained;
    }
}
