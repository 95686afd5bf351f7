package dev.torpedo.sms.impl.db;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
        return idOf(keys.getKeyList().isEmpty() ? Map.of() : keys.getKeyList().get(0), insert);
    }

    /**
     * Runs {@code insert} once per row of {@code rows}, as one JDBC batch, and returns the new rows' ids in the
     * order of {@code rows}; without a query afterwards, whose plan the database may have cached while the
     * table was still empty.
     */
    public static List<Long> insertAll(JdbcOperations jdbc, String insert, List<Object[]> rows) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(connection -> connection.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        new ArgumentPreparedStatementSetter(rows.get(i)).setValues(ps);
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                }, keys);
        List<Long> ids = keys.getKeyList().stream().map(row -> idOf(row, insert)).toList();
        if (ids.size() != rows.size()) {
            throw new DataRetrievalFailureException("The database returned " + ids.size() + " ids for " + rows.size()
                    + " rows of: " + insert);
        }
        return ids;
    }

    private static long idOf(Map<String, Object> row, String insert) {
        Object id = row.size() == 1 ? row.values().iterator().next()
                : row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("id"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
        if (!(id instanceof Number number)) {
            throw new DataRetrievalFailureException("The database returned no generated id for: " + insert);
        }
        return number.longValue();
    }
}
