package io.billhook.dunning.entity;

import java.time.OffsetDateTime;

/** What the application that sells the product polls: the company's access, since when, and why. */
public record CompanyAccess(long companyId, Access access, OffsetDateTime since, String reason) {
}
