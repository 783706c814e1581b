package io.billhook.companies.control;

import io.billhook.companies.entity.PhoneNumber;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads phone numbers as this deployment writes them: with its default region, when one is configured. */
@ApplicationScoped
public class PhoneNumbers {

    /** ISO 3166 code of the region whose numbers may be written without a country code; none by default. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_PHONE_DEFAULT_REGION")
    Optional<String> configuredRegion;

    private Optional<String> region;

    @PostConstruct
    void checkRegion() {
        region = configuredRegion.map(String::strip).filter(r -> !r.isEmpty()).map(r -> r.toUpperCase(Locale.ROOT));
        region.ifPresent(r -> {
            Set<String> known = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions();
            if (!known.contains(r)) {
                throw new IllegalStateException("BILLHOOK_PHONE_DEFAULT_REGION is " + r + ", which is not a region code"
                        + " such as DE or US");
            }
        });
    }

    public Optional<PhoneNumber> parse(String raw) {
        return PhoneNumber.parse(raw, region);
    }
}
