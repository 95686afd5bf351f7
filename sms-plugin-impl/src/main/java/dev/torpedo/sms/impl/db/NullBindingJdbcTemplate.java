package dev.torpedo.sms.impl.db;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.SqlParameterValue;

import javax.sql.DataSource;
import java.sql.Types;
import java.util.List;

/**
 * The {@link JdbcTemplate} of the plugin's repositories: it binds a {@code null} argument as a plain SQL NULL.
 *
 * <p>Given an untyped {@code null}, Spring asks the driver for the parameter's type, and MariaDB's driver finds it
 * by preparing the statement on the server: a round trip more for every statement with a null argument (measured:
 * one server {@code PREPARE} for every hook call, whose queued row has no reason). PostgreSQL's and H2's drivers
 * take a NULL of no type as well, so every database binds the same way.
 *
 * <p>Spring logs a template's statements at DEBUG under the template's class, so the plugin's statements (their SQL,
 * never their values) are logged under this class's name, not under {@code org.springframework.jdbc.core}.
 */
public final class NullBindingJdbcTemplate extends JdbcTemplate {

    private static final SqlParameterValue NULL = new SqlParameterValue(Types.NULL, null);

    public NullBindingJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected PreparedStatementSetter newArgPreparedStatementSetter(Object[] args) {
        return new ArgumentPreparedStatementSetter(args == null ? null : boundNulls(args));
    }

    @Override
    public int[] batchUpdate(String sql, List<? extends Object[]> batchArgs) {
        return super.batchUpdate(sql, batchArgs.stream().map(NullBindingJdbcTemplate::boundNulls).toList());
    }

    /** {@code args}, or a copy of it whose nulls are typed as SQL NULL. */
    private static Object[] boundNulls(Object[] args) {
        Object[] bound = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                if (bound == args) {
                    bound = args.clone();
                }
                bound[i] = NULL;
            }
        }
        return bound;
    }
}
