package io.billhook.companies.boundary;

import io.billhook.companies.control.CompanyDirectory;
import io.billhook.companies.entity.AssignedNumber;
import io.billhook.companies.entity.CalcomMapping;
import io.billhook.companies.entity.PhoneNumber;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * How events of Retell and Cal.com find a company: the phone numbers it owns and the Cal.com organizers,
 * teams and event types mapped to it. A new link releases the events that waited for it.
 */
@Stateless
public class CompanyMappings {

    public static final List<String> CALCOM_KINDS = List.of("organizer", "team", "event_type");

    @Inject
    CompanyDirectory directory;

    @PersistenceContext
    EntityManager em;

    public void assignPhone(long companyId, PhoneNumber number, String label) {
        directory.assignPhone(companyId, number, label);
    }

    public boolean unassignPhone(long companyId, PhoneNumber number) {
        return directory.unassignPhone(companyId, number);
    }

    public void mapCalcom(long companyId, String kind, String value) {
        directory.mapCalcom(companyId, kind, value);
    }

    public boolean unmapCalcom(long companyId, String kind, String value) {
        return directory.unmapCalcom(companyId, kind, value);
    }

    public List<AssignedNumber> phones(long companyId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT e164, label FROM phone_number WHERE company_id = ?1 ORDER BY e164")
                .setParameter(1, companyId).getResultList();
        return rows.stream().map(row -> new AssignedNumber((String) row[0], (String) row[1])).toList();
    }

    public List<CalcomMapping> calcomMappings(long companyId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT kind, value FROM calcom_mapping WHERE company_id = ?1 ORDER BY kind, value")
                .setParameter(1, companyId).getResultList();
        return rows.stream().map(row -> new CalcomMapping((String) row[0], (String) row[1])).toList();
    }
}
