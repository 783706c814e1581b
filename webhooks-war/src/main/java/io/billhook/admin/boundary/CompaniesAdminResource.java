package io.billhook.admin.boundary;

import io.billhook.companies.boundary.CompanyBilling;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/admin/companies/{id}/billing}: what billing knows about one company. */
@ApplicationScoped
@Path("api/admin/companies")
@Produces(MediaType.APPLICATION_JSON)
public class CompaniesAdminResource {

    @Inject
    CompanyBilling billing;

    @GET
    @Path("{id: [0-9]+}/billing")
    @Operation(summary = "The company with its customers, subscriptions, billing periods, invoices, charges, refunds, disputes and payments")
    public Map<String, Object> billing(@PathParam("id") long id) {
        return billing.of(id).orElseThrow(() -> new NotFoundException("no company " + id));
    }
}
