package dev.torpedo.sms.demo.shop;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The host's stores ({@code demo_store}). */
public final class Stores {

    private static final String SELECT = "SELECT id, name, tagline, inventory_control, availability_notice"
            + " FROM demo_store";

    private final JdbcTemplate jdbc;

    public Stores(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Store> all() {
        return jdbc.query(SELECT + " ORDER BY name", (rs, n) -> store(rs));
    }

    public Optional<Store> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.query(SELECT + " WHERE id = ?", (rs, n) -> store(rs), id).stream().findFirst();
    }

    /** Saves the store's inventory switches. */
    public void saveSwitches(String id, boolean inventoryControl, boolean availabilityNotice) {
        jdbc.update("UPDATE demo_store SET inventory_control = ?, availability_notice = ? WHERE id = ?",
                inventoryControl, availabilityNotice, id);
    }

    private static Store store(ResultSet rs) throws SQLException {
        return new Store(rs.getString("id"), rs.getString("name"), rs.getString("tagline"),
                rs.getBoolean("inventory_control"), rs.getBoolean("availability_notice"));
    }
}
