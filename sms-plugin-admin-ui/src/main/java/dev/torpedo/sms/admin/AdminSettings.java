package dev.torpedo.sms.admin;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * The admin's properties.
 *
 * @param layout      the FreeMarker template whose {@code page} macro frames the plugin's pages (the host's own
 *                    admin layout, or the plugin's plain one)
 * @param pricePerSms what one credit (one SMS segment) costs the merchant, in reais, the same for every carrier
 * @param packages    the numbers of credits "Comprar crédito" offers
 */
public record AdminSettings(String layout, BigDecimal pricePerSms, List<Integer> packages) {

    public static final String LAYOUT = "torpedo.sms.admin.layout";
    public static final String PRICE_PER_SMS = "torpedo.sms.admin.price-per-sms";
    public static final String PACKAGES = "torpedo.sms.admin.packages";
    public static final String DEFAULT_LAYOUT = "/torpedo/sms/admin/layout.ftlh";

    public AdminSettings {
        Objects.requireNonNull(layout, "layout");
        if (pricePerSms.signum() < 0) {
            throw new IllegalArgumentException(PRICE_PER_SMS + " cannot be negative: " + pricePerSms);
        }
        packages = List.copyOf(packages);
        if (packages.isEmpty() || packages.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException(PACKAGES + " needs positive numbers of credits: " + packages);
        }
    }

    public static AdminSettings from(Environment environment) {
        return new AdminSettings(environment.getProperty(LAYOUT, DEFAULT_LAYOUT),
                new BigDecimal(environment.getProperty(PRICE_PER_SMS, "0.09")),
                Arrays.stream(environment.getProperty(PACKAGES, "100,500,1000,5000").split(","))
                        .map(String::strip).map(Integer::valueOf).toList());
    }
}
