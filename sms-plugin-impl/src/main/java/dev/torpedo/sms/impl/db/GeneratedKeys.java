package dev.torpedo.sms.impl.db;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;

/**
 * Inserts a row into a table with an auto-increment {@code id} and returns that id. The drivers name the key
 * differently (PostgreSQL returns every column, H2 {@code ID}, MariaDB {@code insert_id}), so it is read here once.
 */
public final class GeneratedKeys {

    private GeneratedKeys() {
    }

    /** Runs {@code insert} with {@code args} and returns the new row's id. */
    public static long insert(JdbcOperations jdbc, String insert, Object... args) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS);
            new ArgumentPreparedStatementSetter(args).setValues(ps);
            return ps;
        }, keys);
        Map<String, Object> row = keys.getKeyList().isEmpty() ? Map.of() : keys.getKeyList().get(0);
        Object id = row.size() == 1 ? row.values().iterator().next()
                : row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("id"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
        if (!(id instanceof Number number)) {
            throw new DataRetrievalFailureException("The database returned no generated id for: " + insert);
        }
        return number.longValue();
    }
}
