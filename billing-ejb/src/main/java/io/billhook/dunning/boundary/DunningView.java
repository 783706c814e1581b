package io.billhook.dunning.boundary;

import io.billhook.Jndi;
import io.billhook.dunning.control.DunningPolicies;
import io.billhook.dunning.entity.Access;
import io.billhook.dunning.entity.CompanyAccess;
import io.billhook.dunning.entity.CompanyDunning;
import io.billhook.dunning.entity.CompanyDunning.ClosedCase;
import io.billhook.dunning.entity.CompanyDunning.OpenCase;
import io.billhook.dunning.entity.CompanyDunning.StepRun;
import io.billhook.dunning.entity.DunningState;
import io.billhook.dunning.entity.Policy;
import io.billhook.dunning.entity.PolicyStep;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** A company's dunning as the admin API shows it, read outside any transaction. */
@ApplicationScoped
public class DunningView {

    private static final String CASES = """
            SELECT stripe_invoice_id, amount_due, currency, opened_at, policy_version, step, next_step_at,
                   CASE WHEN paused_until = 'infinity' THEN NULL ELSE paused_until END, closed_at, close_reason,
                   paused_at IS NOT NULL
              FROM dunning_case WHERE company_id = ? ORDER BY opened_at, id""";

    private static final String RUNS = """
            SELECT c.stripe_invoice_id, r.name, r.state, r.access, r.ran_at, r.skipped
              FROM dunning_step_run r JOIN dunning_case c ON c.id = r.case_id
             WHERE c.company_id = ? ORDER BY r.ran_at, r.case_id, r.step""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    DunningPolicies policies;

    /** Empty when there is no such company. */
    public Optional<CompanyDunning> of(long companyId) {
        try (Connection db = dataSource.getConnection()) {
            if (!exists(db, companyId)) {
                return Optional.empty();
            }
            List<OpenCase> open = new ArrayList<>();
            List<ClosedCase> closed = new ArrayList<>();
            DunningState state = DunningState.NONE;
            Access access = Access.FULL;
            try (PreparedStatement query = db.prepareStatement(CASES)) {
                query.setLong(1, companyId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getObject(9) != null) {
                            closed.add(new ClosedCase(rows.getString(1), time(rows, 4), time(rows, 9), rows.getString(10)));
                            continue;
                        }
                        Policy policy = policies.version(rows.getString(5));
                        int step = rows.getInt(6);
                        PolicyStep ran = step < 0 ? null : policy.steps().get(step);
                        DunningState caseState = ran == null ? DunningState.GRACE : ran.state();
                        Access caseAccess = ran == null ? Access.FULL : ran.access();
                        open.add(new OpenCase(rows.getString(1), (Long) rows.getObject(2, Long.class), rows.getString(3),
                                time(rows, 4), policy.version(), ran == null ? null : ran.name(), caseState, caseAccess,
                                policy.after(step).map(PolicyStep::name).orElse(null), time(rows, 7), rows.getBoolean(11),
                                time(rows, 8)));
                        state = state.worse(caseState);
                        access = access.worse(caseAccess);
                    }
                }
            }
            List<StepRun> history = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement(RUNS)) {
                query.setLong(1, companyId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        history.add(new StepRun(rows.getString(1), rows.getString(2), DunningState.valueOf(rows.getString(3)),
                                Access.valueOf(rows.getString(4)), time(rows, 5), rows.getBoolean(6)));
                    }
                }
            }
            return Optional.of(new CompanyDunning(companyId, state, access, open, history, closed));
        } catch (SQLException e) {
            throw new IllegalStateException("the company's dunning cannot be read: " + e.getMessage(), e);
        }
    }

    /** The access and what set it: the step of the open case that limits it most, or the last case that closed. */
    public Optional<CompanyAccess> access(long companyId) {
        return of(companyId).map(dunning -> {
            Optional<StepRun> limiting = dunning.history().stream()
                    .filter(run -> !run.skipped() && run.access() == dunning.access()
                            && dunning.openCases().stream().anyMatch(open -> open.invoice().equals(run.invoice())))
                    .reduce((first, last) -> last);
            if (dunning.access() != Access.FULL && limiting.isPresent()) {
                return new CompanyAccess(companyId, dunning.access(), limiting.get().ranAt(),
                        "invoice " + limiting.get().invoice() + " unpaid: step " + limiting.get().step());
            }
            Optional<ClosedCase> recovered = dunning.closed().stream().reduce((first, last) -> last);
            return new CompanyAccess(companyId, dunning.access(), recovered.map(ClosedCase::closedAt).orElse(null),
                    recovered.map(last -> "invoice " + last.invoice() + " " + last.reason().toLowerCase(Locale.ROOT))
                            .orElse(dunning.openCases().isEmpty() ? "no unpaid invoice" : "unpaid invoice in its grace period"));
        });
    }

    private static boolean exists(Connection db, long companyId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT 1 FROM company WHERE id = ?")) {
            query.setLong(1, companyId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static OffsetDateTime time(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
