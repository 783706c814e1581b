package io.billhook.companies.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A customer of the SaaS, identified by the id the SaaS itself uses (Stripe metadata {@code company_id}). */
@Entity
@Table(name = "company")
public class Company {

    @Id
    private Long id;

    private String name;

    @Column(name = "created_at", insertable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Company() {
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** A company learns its name from Stripe once; later names do not overwrite what the SaaS set. */
    public void nameIfUnknown(String name) {
        if (this.name == null && name != null) {
            this.name = name;
        }
    }
}
