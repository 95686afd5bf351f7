/**
 * The send window: 09:00 to 18:00 in the recipient's local time.
 *
 * <p>Choices: the DDD→zone table is ours ({@code AreaCodeZones}), following tzdb's zone1970.tab state by
 * state; DDD 93 (western Pará) uses America/Santarem and 94 (south-eastern Pará) America/Belem, both UTC−3.
 * DDD 97 spans Manaus (UTC−4) and Eirunepé (UTC−5): its window is the intersection, 10:00–18:00 Manaus time.
 * "Skip Sundays" and "skip national holidays" look at the recipient's local date. Local times are computed
 * with ZonedDateTime, so historical or future DST is handled.
 */
package dev.torpedo.sms.impl.window;
