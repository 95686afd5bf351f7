package dev.torpedo.sms.demo.shop;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The host's catalog and stock ({@code demo_product}). */
public final class Products {

    private static final String SELECT = "SELECT store_id, id, name, description, price, stock FROM demo_product";

    private final JdbcTemplate jdbc;

    public Products(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Product> of(String storeId) {
        return jdbc.query(SELECT + " WHERE store_id = ? ORDER BY position", Products::product, storeId);
    }

    public Optional<Product> find(String storeId, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.query(SELECT + " WHERE store_id = ? AND id = ?", Products::product, storeId, id).stream()
                .findFirst();
    }

    /** The product, its row locked until the transaction ends: a sale and a restock never cross. */
    public Optional<Product> lock(String storeId, String id) {
        return jdbc.query(SELECT + " WHERE store_id = ? AND id = ? FOR UPDATE", Products::product, storeId, id)
                .stream().findFirst();
    }

    public void setStock(String storeId, String id, int units) {
        jdbc.update("UPDATE demo_product SET stock = ? WHERE store_id = ? AND id = ?", units, storeId, id);
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getString("store_id"), rs.getString("id"), rs.getString("name"),
                rs.getString("description"), rs.getBigDecimal("price"), rs.getInt("stock"));
    }
}
