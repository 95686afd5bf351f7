package dev.torpedo.sms.demo.shop;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The host's orders ({@code demo_order}, {@code demo_order_line}). */
public final class Orders {

    private static final String SELECT = "SELECT store_id, number, customer_name, customer_mobile, total, status,"
            + " tracking_code, created_at FROM demo_order";

    private final JdbcTemplate jdbc;

    public Orders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next order number, unique across the stores. */
    public String nextNumber() {
        return Long.toString(jdbc.queryForObject("SELECT NEXT VALUE FOR demo_order_number", Long.class));
    }

    public void insert(Order order) {
        jdbc.update("INSERT INTO demo_order (store_id, number, customer_name, customer_mobile, total, status,"
                        + " tracking_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", order.storeId(), order.number(),
                order.customerName(), order.customerMobile(), order.total(), order.status().name(),
                order.trackingCode(), Timestamp.from(order.createdAt()));
        for (Order.Line line : order.lines()) {
            jdbc.update("INSERT INTO demo_order_line (store_id, order_number, product_id, product_name, quantity,"
                            + " price) VALUES (?, ?, ?, ?, ?, ?)", order.storeId(), order.number(), line.productId(),
                    line.productName(), line.quantity(), line.price());
        }
    }

    /** The store's orders, newest first. */
    public List<Order> of(String storeId, int limit) {
        return jdbc.query(SELECT + " WHERE store_id = ? ORDER BY created_at DESC, number DESC LIMIT ?",
                (rs, n) -> order(rs, List.of()), storeId, limit);
    }

    public Optional<Order> find(String storeId, String number) {
        if (number == null || number.length() > 20) {
            return Optional.empty();
        }
        return jdbc.query(SELECT + " WHERE store_id = ? AND number = ?", (rs, n) -> order(rs, lines(storeId, number)),
                storeId, number).stream().findFirst();
    }

    public void changeStatus(String storeId, String number, OrderStatus status, String trackingCode) {
        jdbc.update("UPDATE demo_order SET status = ?, tracking_code = COALESCE(?, tracking_code)"
                + " WHERE store_id = ? AND number = ?", status.name(), trackingCode, storeId, number);
    }

    private List<Order.Line> lines(String storeId, String number) {
        return jdbc.query("SELECT product_id, product_name, quantity, price FROM demo_order_line"
                        + " WHERE store_id = ? AND order_number = ? ORDER BY product_name",
                (rs, n) -> new Order.Line(rs.getString("product_id"), rs.getString("product_name"),
                        rs.getInt("quantity"), rs.getBigDecimal("price")), storeId, number);
    }

    private static Order order(ResultSet rs, List<Order.Line> lines) throws SQLException {
        Instant created = rs.getTimestamp("created_at").toInstant();
        return new Order(rs.getString("store_id"), rs.getString("number"), rs.getString("customer_name"),
                rs.getString("customer_mobile"), rs.getBigDecimal("total"),
                OrderStatus.ofCode(rs.getString("status")).orElse(OrderStatus.SUBMITTED), rs.getString("tracking_code"),
                created, lines);
    }
}
