package io.billhook.quarantine.control;

import io.billhook.handling.entity.QuarantineKey;

/**
 * How the pipeline asks whether a quarantine key is linked to a company, without knowing the companies
 * feature, which answers it.
 */
public interface CompanyKeys {

    /** Whether {@code key} is linked now; orders itself with a link being committed (see the implementation). */
    boolean isLinked(QuarantineKey key);
}
