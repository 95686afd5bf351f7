package dev.torpedo.sms.impl.restock;

/** Where a restock event stands. */
enum RestockStatus {
    /** Waves still to go: the next one is due at its {@code next_wave_at}. */
    PENDING,
    /** Every subscription it matched was handled. */
    DONE,
    /** Ended early, for the reason stored with it (out of stock, mode off, alerts paused...). */
    STOPPED
}
