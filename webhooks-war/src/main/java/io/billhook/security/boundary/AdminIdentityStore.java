package io.billhook.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin API's users, from configuration only: {@code BILLHOOK_ADMIN_USERNAME}/{@code _PASSWORD} (role
 * operator) and {@code BILLHOOK_VIEWER_USERNAME}/{@code _PASSWORD} (role viewer). A user whose name or
 * password is not set does not exist, so nothing is open by default. HTTP Basic; compare in constant time.
 */
@BasicAuthenticationMechanismDefinition(realmName = "Billhook admin")
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private static final System.Logger LOG = System.getLogger(AdminIdentityStore.class.getName());

    @Inject
    @ConfigProperty(name = "BILLHOOK_ADMIN_USERNAME")
    Optional<String> operatorName;

    @Inject
    @ConfigProperty(name = "BILLHOOK_ADMIN_PASSWORD")
    Optional<String> operatorPassword;

    @Inject
    @ConfigProperty(name = "BILLHOOK_VIEWER_USERNAME")
    Optional<String> viewerName;

    @Inject
    @ConfigProperty(name = "BILLHOOK_VIEWER_PASSWORD")
    Optional<String> viewerPassword;

    private final List<User> users = new ArrayList<>();

    @PostConstruct
    void configuredUsers() {
        user(operatorName, operatorPassword, OPERATOR);
        user(viewerName, viewerPassword, VIEWER);
        if (users.isEmpty()) {
            LOG.log(Level.WARNING, "No admin user is configured (BILLHOOK_ADMIN_USERNAME/PASSWORD,"
                    + " BILLHOOK_VIEWER_USERNAME/PASSWORD): every /api/admin call is refused");
        }
    }

    private void user(Optional<String> name, Optional<String> password, String role) {
        if (name.filter(n -> !n.isBlank()).isPresent() && password.filter(p -> !p.isBlank()).isPresent()) {
            users.add(new User(name.get(), password.get(), role));
        }
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        for (User user : users) {
            if (user.matches(credential.getCaller(), credential.getPasswordAsString())) {
                return new CredentialValidationResult(user.name(), Set.of(user.role()));
            }
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    private record User(String name, String password, String role) {

        boolean matches(String caller, String offered) {
            // both compared every time, so the answer's timing says nothing about which part was wrong
            boolean nameMatches = MessageDigest.isEqual(bytes(name), bytes(caller));
            boolean passwordMatches = MessageDigest.isEqual(bytes(password), bytes(offered));
            return nameMatches & passwordMatches;
        }

        private static byte[] bytes(String value) {
            return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
