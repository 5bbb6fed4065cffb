package io.cxmeter.ticket.customers;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.imports.Fields;
import io.cxmeter.imports.ImportKind;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

@ApplicationScoped
public class CustomerService {

    @Inject
    CustomerStore store;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    private ImportKind<Void, CustomerDraft> customerImports;
    private ImportKind<Void, CustomerLines.Engagement> engagementImports;

    @PostConstruct
    void init() {
        CustomerLines lines = new CustomerLines(mapper);
        customerImports = ImportKind.of("customers", "/api/v1/customers/import/jobs", lines.customerRules(), store::write);
        engagementImports = ImportKind.of("engagement", "/api/v1/customers/events/import/jobs", lines.engagementRules(),
                store::record);
    }

    /** {@code POST /api/v1/customers/import}: one customer with its purchases a line; re-sent ids replace the customer. */
    public ImportKind<Void, CustomerDraft> customerImports() {
        return customerImports;
    }

    /** {@code POST /api/v1/customers/events/import}: one engagement event a line; an event stored before is not stored twice. */
    public ImportKind<Void, CustomerLines.Engagement> engagementImports() {
        return engagementImports;
    }

    /** Creates or replaces one customer, with the same rules as an import line. */
    public Uni<CustomerDraft> put(String tenantId, CustomerLines.CustomerLine line) {
        List<String> problems = new ArrayList<>();
        CustomerDraft customer = CustomerLines.customer(line, problems);
        Fields.rejectIfAny(problems);
        return pool.withTransaction(connection -> store.write(connection, tenantId, List.of(customer))).map(written -> customer);
    }

    public Uni<Void> engage(String tenantId, CustomerLines.EngagementLine line) {
        List<String> problems = new ArrayList<>();
        CustomerLines.Engagement event = CustomerLines.engagement(line, problems);
        Fields.rejectIfAny(problems);
        return pool.withTransaction(connection -> store.record(connection, tenantId, List.of(event))).replaceWithVoid();
    }

    public Uni<CustomerDraft> get(String tenantId, String id) {
        return store.find(tenantId, id).map(customer -> {
            if (customer == null) {
                throw ProblemException.notFound("No customer '" + id + "'.");
            }
            return customer;
        });
    }

    public Uni<Page<CustomerDraft>> list(String tenantId, String after, int limit) {
        return store.page(tenantId, after, limit + 1).map(rows -> {
            List<CustomerDraft> page = rows.stream().limit(limit).toList();
            return new Page<>(page, rows.size() > limit ? page.get(page.size() - 1).id() : null);
        });
    }

}
