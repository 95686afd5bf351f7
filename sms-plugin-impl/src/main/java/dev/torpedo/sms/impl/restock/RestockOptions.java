package dev.torpedo.sms.impl.restock;

import java.time.Duration;
import java.util.Objects;

/**
 * How a restock alert is spread out. Each wave tells the next {@link #waveSize(long) waveSize} shoppers in
 * signup order, and the next wave follows {@code waveInterval} later, as long as the product is still in
 * stock: there is no point in telling 5,000 shoppers about 3 units at once.
 *
 * <pre>{@code
 * RestockOptions.defaults().waveSize(10);    // 100: 30 shoppers, raised to the minimum wave
 * RestockOptions.defaults().waveSize(500);   // 1,500
 * new RestockOptions(3, 100, 5_000, Duration.ofMinutes(15), 500);   // the defaults
 * }</pre>
 *
 * @param subscribersPerUnit shoppers told per unit that came in (not everyone told buys)
 * @param minWave            the smallest wave, however few units came in
 * @param maxWave            the largest wave; one wave is one transaction
 * @param waveInterval       the time between two waves of one restock, positive
 * @param batchSize          rows per JDBC batch when a wave is written
 */
public record RestockOptions(int subscribersPerUnit, int minWave, int maxWave, Duration waveInterval, int batchSize) {

    /** Past this, a JDBC batch only costs memory; it also bounds the IN lists built from it. */
    static final int MAX_BATCH_SIZE = 5_000;

    public RestockOptions {
        Objects.requireNonNull(waveInterval, "wave interval");
        if (subscribersPerUnit < 1) {
            throw new IllegalArgumentException("At least one subscriber per unit, not " + subscribersPerUnit);
        }
        if (minWave < 1 || maxWave < minWave) {
            throw new IllegalArgumentException("Waves need 1 <= minWave <= maxWave, not " + minWave + " and " + maxWave);
        }
        if (waveInterval.isNegative() || waveInterval.isZero()) {
            throw new IllegalArgumentException("The wave interval is positive, not " + waveInterval);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("The batch size is from 1 to " + MAX_BATCH_SIZE + ", not " + batchSize);
        }
    }

    /** 3 shoppers per unit, waves of 100 to 5,000 every 15 minutes, batches of 500 rows. */
    public static RestockOptions defaults() {
        return new RestockOptions(3, 100, 5_000, Duration.ofMinutes(15), 500);
    }

    /** How many shoppers a wave tells when {@code quantityRestocked} units came in: clamped to the bounds. */
    public int waveSize(long quantityRestocked) {
        // Units beyond maxWave cannot raise the wave further, and stopping there keeps the product from overflowing.
        long units = Math.max(0, Math.min(quantityRestocked, maxWave));
        return (int) Math.max(minWave, Math.min(maxWave, units * subscribersPerUnit));
    }
}
