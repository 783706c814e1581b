package io.billhook.security.boundary;

import io.billhook.security.control.LoginThrottle;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin API's users, from configuration only: {@code BILLHOOK_ADMIN_USERNAME}/{@code _PASSWORD} (role
 * operator) and {@code BILLHOOK_VIEWER_USERNAME}/{@code _PASSWORD} (role viewer). A user whose name or
 * password is not set does not exist, so nothing is open by default. HTTP Basic
 * ({@link AdminBasicAuthentication}); compare in constant time.
 */
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

    /** Wrong passwords of one remote address and user before that pair is refused for {@link #lockout}. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_ADMIN_LOGIN_ATTEMPTS", defaultValue = "5")
    int attempts;

    @Inject
    @ConfigProperty(name = "BILLHOOK_ADMIN_LOGIN_LOCKOUT", defaultValue = "5m")
    Duration lockout;

    /** Refuse credentials sent over plain HTTP by any client but this machine (behind TLS-terminating proxies: false). */
    @Inject
    @ConfigProperty(name = "BILLHOOK_ADMIN_REQUIRE_HTTPS", defaultValue = "false")
    boolean requireHttps;

    @Inject
    HttpServletRequest request;

    private final List<User> users = new ArrayList<>();
    private LoginThrottle throttle;

    @PostConstruct
    void configuredUsers() {
        throttle = new LoginThrottle(attempts, lockout, Clock.systemUTC());
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
        String remote = request.getRemoteAddr();
        String caller = credential.getCaller();
        if (refusedOverPlainHttp(requireHttps, request.isSecure(), remote)) {
            LOG.log(Level.WARNING, "Refused admin credentials of {0} over plain HTTP from {1} (BILLHOOK_ADMIN_REQUIRE_HTTPS)",
                    caller, remote);
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (!throttle.allows(remote, caller)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        for (User user : users) {
            if (user.matches(caller, credential.getPasswordAsString())) {
                throttle.succeeded(remote, caller);
                return new CredentialValidationResult(user.name(), Set.of(user.role()));
            }
        }
        if (throttle.failed(remote, caller)) {
            LOG.log(Level.WARNING, "{0} wrong passwords for {1} from {2}: refused for {3}", attempts, caller, remote, lockout);
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    /** With {@code requireHttps}, credentials over plain HTTP only from this machine. */
    static boolean refusedOverPlainHttp(boolean requireHttps, boolean secure, String remote) {
        return requireHttps && !secure && !loopback(remote);
    }

    static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
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
