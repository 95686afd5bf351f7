package dev.torpedo.sms.demo.shop;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A stored order and what it holds. */
public record Order(String storeId, String number, String customerName, String customerMobile, BigDecimal total,
                    OrderStatus status, String trackingCode, Instant createdAt, List<Line> lines) {

    public record Line(String productId, String productName, int quantity, BigDecimal price) {
    }
}
