package io.billhook.admin.boundary;

import io.billhook.companies.boundary.CompanyMappings;
import io.billhook.companies.control.PhoneNumbers;
import io.billhook.companies.entity.AssignedNumber;
import io.billhook.companies.entity.CalcomMapping;
import io.billhook.companies.entity.PhoneNumber;
import io.billhook.dunning.boundary.DunningPauses;
import io.billhook.dunning.boundary.DunningView;
import io.billhook.dunning.entity.CompanyAccess;
import io.billhook.dunning.entity.CompanyDunning;
import io.billhook.ingest.boundary.WebhooksApplication;
import io.billhook.operations.boundary.CompanyBilling;
import io.billhook.operations.entity.CompanyBillingView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/admin/companies/{id}/…}: what billing knows about a company ({@code billing}), and how Retell
 * calls and Cal.com bookings find it ({@code phone-numbers}, {@code calcom-mappings}; assigning releases the
 * events quarantined for that number or mapping).
 */
@ApplicationScoped
@Path("api/admin/companies/{id: [0-9]+}")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class CompaniesAdminResource {

    @Inject
    CompanyMappings mappings;

    @Inject
    CompanyBilling billing;

    @Inject
    PhoneNumbers phoneNumbers;

    @Inject
    DunningView dunning;

    @Inject
    DunningPauses pauses;

    @GET
    @Path("billing")
    @Operation(summary = "The company with its customers, subscriptions, billing periods, invoices, charges, refunds,"
            + " disputes, payments, phone numbers, Cal.com mappings, call usage, calls and bookings")
    public CompanyBillingView billing(@PathParam("id") long id) {
        return billing.of(id).orElseThrow(() -> new NotFoundException("no company " + id));
    }

    @GET
    @Path("dunning")
    @Operation(summary = "The company's dunning: its state and access (those of its worst open case), the open cases"
            + " with the step they are at and the next one, every step run, and the cases that closed")
    public CompanyDunning dunning(@PathParam("id") long id) {
        return dunning.of(id).orElseThrow(() -> new NotFoundException("no company " + id));
    }

    @POST
    @Path("dunning/pause")
    @Operation(summary = "Pause the company's open dunning cases: nothing escalates until they are resumed or until"
            + " 'until' (an ISO-8601 instant, or a date: through that day, UTC), and then their steps come as much later")
    public CompanyDunning pause(@PathParam("id") long id, @QueryParam("until") String until) {
        CompanyDunning before = dunning(id);
        OffsetDateTime end = AdminQuery.until(until);
        if (end != null && !end.toInstant().isAfter(Instant.now())) {
            throw new BadRequestException("until " + until + " has passed");
        }
        pauses.pause(before.companyId(), end);
        return dunning(id);
    }

    @POST
    @Path("dunning/resume")
    @Operation(summary = "Resume the company's paused dunning cases; their steps come as much later as they were paused")
    public CompanyDunning resume(@PathParam("id") long id) {
        pauses.resume(dunning(id).companyId());
        return dunning(id);
    }

    @GET
    @Path("access")
    @Operation(summary = "What the company may use while its payments fail (FULL, LIMITED, BLOCKED), since when and why:"
            + " for the application that sells the product to poll")
    public CompanyAccess access(@PathParam("id") long id) {
        return dunning.access(id).orElseThrow(() -> new NotFoundException("no company " + id));
    }

    @GET
    @Path("phone-numbers")
    @Operation(summary = "The phone numbers the company owns (E.164)")
    public List<AssignedNumber> phones(@PathParam("id") long id) {
        return mappings.phones(id);
    }

    @PUT
    @Path("phone-numbers/{number}")
    @Operation(summary = "Give the company a number (any common format; stored as E.164). Operator only")
    public List<AssignedNumber> assignPhone(@PathParam("id") long id, @PathParam("number") String number,
                                                 @QueryParam("label") String label) {
        mappings.assignPhone(id, phone(number), label);
        return mappings.phones(id);
    }

    @DELETE
    @Path("phone-numbers/{number}")
    @Operation(summary = "Take a number from the company. Operator only")
    public List<AssignedNumber> unassignPhone(@PathParam("id") long id, @PathParam("number") String number) {
        if (!mappings.unassignPhone(id, phone(number))) {
            throw new NotFoundException("company " + id + " does not own " + number);
        }
        return mappings.phones(id);
    }

    @GET
    @Path("calcom-mappings")
    @Operation(summary = "The Cal.com organizers (email), teams and event types (id) mapped to the company")
    public List<CalcomMapping> calcom(@PathParam("id") long id) {
        return mappings.calcomMappings(id);
    }

    @PUT
    @Path("calcom-mappings/{kind}/{value}")
    @Operation(summary = "Map a Cal.com organizer, team or event_type to the company. Operator only")
    public List<CalcomMapping> mapCalcom(@PathParam("id") long id, @PathParam("kind") String kind,
                                               @PathParam("value") String value) {
        mappings.mapCalcom(id, kind(kind), value);
        return mappings.calcomMappings(id);
    }

    @DELETE
    @Path("calcom-mappings/{kind}/{value}")
    @Operation(summary = "Remove a Cal.com mapping. Operator only")
    public List<CalcomMapping> unmapCalcom(@PathParam("id") long id, @PathParam("kind") String kind,
                                                 @PathParam("value") String value) {
        if (!mappings.unmapCalcom(id, kind(kind), value)) {
            throw new NotFoundException("company " + id + " has no Cal.com " + kind + " " + value);
        }
        return mappings.calcomMappings(id);
    }

    private PhoneNumber phone(String number) {
        return phoneNumbers.parse(number).orElseThrow(() -> new BadRequestException(
                "not a phone number with a country code: '" + number + "' (e.g. +49 30 1234567)"));
    }

    private static String kind(String kind) {
        if (!CompanyMappings.CALCOM_KINDS.contains(kind)) {
            throw new BadRequestException("unknown Cal.com mapping kind '" + kind + "'; known: "
                    + String.join(", ", CompanyMappings.CALCOM_KINDS));
        }
        return kind;
    }
}
