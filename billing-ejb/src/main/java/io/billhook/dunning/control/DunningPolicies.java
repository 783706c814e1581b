package io.billhook.dunning.control;

import io.billhook.Jndi;
import io.billhook.dunning.entity.Policy;
import io.billhook.dunning.entity.PolicyInvalid;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dunning policy in force ({@code BILLHOOK_DUNNING_POLICY}, a JSON file; the built-in one without it), and every
 * version a case started with: each is stored as it was when first used, so a changed policy needs a new version and
 * a case keeps the steps it started with.
 */
@ApplicationScoped
public class DunningPolicies {

    /** The policy without {@code BILLHOOK_DUNNING_POLICY}: three weeks from the reminder to the final step. */
    public static final String BUILT_IN = """
            {
              "version": "billhook-default-1",
              "steps": [
                {"name": "reminder", "after": "P0D", "state": "GRACE", "access": "FULL", "notices": ["failed"]},
                {"name": "warning", "after": "P3D", "state": "WARNING", "access": "FULL", "notices": ["warning"]},
                {"name": "restriction", "after": "P7D", "state": "RESTRICTED", "access": "LIMITED", "notices": ["restricted"]},
                {"name": "suspension", "after": "P14D", "state": "SUSPENDED", "access": "BLOCKED", "notices": ["suspended"]},
                {"name": "final", "after": "P21D", "state": "FINAL", "access": "BLOCKED", "notices": ["suspended"],
                 "action": "none"}
              ]
            }
            """;

    @Inject
    @ConfigProperty(name = "BILLHOOK_DUNNING_POLICY")
    Optional<String> file;

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    private final Map<String, Policy> versions = new ConcurrentHashMap<>();
    private volatile Policy current;
    private volatile String currentDocument;

    /** The policy new cases start with, read, checked and stored on the first call; a policy refused stops the start. */
    public Policy current() {
        if (current == null) {
            String document = document();
            Policy policy = Policy.parse(document);
            store(policy, document);
            versions.put(policy.version(), policy);
            currentDocument = document;
            current = policy;
        }
        return current;
    }

    /** The document of the policy new cases start with, as it was read. */
    public String currentDocument() {
        current();
        return currentDocument;
    }

    /** The policy a case started with. */
    public Policy version(String version) {
        return versions.computeIfAbsent(version, this::stored);
    }

    private String document() {
        if (file.isPresent() && !file.get().isBlank()) {
            try {
                return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PolicyInvalid("BILLHOOK_DUNNING_POLICY names a file that cannot be read: " + e.getMessage());
            }
        }
        return BUILT_IN;
    }

    private void store(Policy policy, String document) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement(
                     "INSERT INTO dunning_policy (version, document) VALUES (?, ?) ON CONFLICT (version) DO NOTHING");
             PreparedStatement read = db.prepareStatement("SELECT document FROM dunning_policy WHERE version = ?")) {
            insert.setString(1, policy.version());
            insert.setString(2, document);
            insert.executeUpdate();
            read.setString(1, policy.version());
            try (ResultSet stored = read.executeQuery()) {
                stored.next();
                if (!Policy.parse(stored.getString(1)).equals(policy)) {
                    throw new PolicyInvalid("dunning policy version " + policy.version() + " is stored with other steps:"
                            + " a changed policy needs a version of its own, so that the cases in flight keep theirs");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the dunning policy cannot be stored: " + e.getMessage(), e);
        }
    }

    private Policy stored(String version) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement read = db.prepareStatement("SELECT document FROM dunning_policy WHERE version = ?")) {
            read.setString(1, version);
            try (ResultSet stored = read.executeQuery()) {
                if (!stored.next()) {
                    throw new IllegalStateException("no dunning policy of version " + version + " is stored");
                }
                return Policy.parse(stored.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the dunning policy " + version + " cannot be read: " + e.getMessage(), e);
        }
    }
}
