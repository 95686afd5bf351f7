/**
 * Brazil's national business-day calendar.
 *
 * <p>Choices: jollyday 2.19's Brazilian calendar lists New Year, Carnival (Tuesday only), Ash Wednesday,
 * Good Friday, Easter Sunday, Tiradentes, Labour Day, Corpus Christi, Independence, Aparecida, All Souls,
 * Republic Day and Christmas, plus Black Awareness Day (November 20) from 2024. We add Carnival Monday and
 * drop Ash Wednesday (a business day: work starts at noon) and Easter Sunday (a Sunday anyway, and no legal
 * holiday, so it should not stop a Sunday send when only holidays are skipped). State and city holidays are
 * out of scope: credits and the send window use the national calendar.
 */
package dev.torpedo.sms.impl.calendar;
