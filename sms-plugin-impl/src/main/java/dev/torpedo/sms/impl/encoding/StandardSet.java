package dev.torpedo.sms.impl.encoding;

import dev.torpedo.sms.api.spi.SmsProfile;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The characters a profile's standard encoding holds, with the units each takes (1, or 2 for an escape into the
 * extension table), as a lookup the hot path can afford: GSM 03.38 less what the profile sends only in unicode.
 */
final class StandardSet {

    static final int NOT_STANDARD = 0;

    /** Built once per profile; weakly, since a host's gateway may make a new profile at each call. */
    private static final Map<SmsProfile, StandardSet> BY_PROFILE = Collections.synchronizedMap(new WeakHashMap<>());
    private static final StandardSet GSM_03_38 = new StandardSet(SmsProfile.GSM_03_38);

    private static final char EURO = '\u20AC';
    // Every GSM-7 character but the euro sign is below U+0400 (the Greek capitals end at U+03A9).
    private static final int TABLE_SIZE = 0x400;

    /** The set asked for last: a node counts by one provider, so the lookup rarely takes the map's lock. */
    private static volatile StandardSet last = GSM_03_38;

    private final SmsProfile profile;
    private final byte[] units = new byte[TABLE_SIZE];
    private final int euroUnits;

    private StandardSet(SmsProfile profile) {
        this.profile = profile;
        for (char c = 0; c < TABLE_SIZE; c++) {
            units[c] = (byte) unitsIn(profile, c);
        }
        euroUnits = unitsIn(profile, EURO);
    }

    static StandardSet of(SmsProfile profile) {
        StandardSet recent = last;
        if (recent.profile == profile) {
            return recent;
        }
        if (profile == SmsProfile.GSM_03_38) {
            return GSM_03_38;
        }
        StandardSet set = BY_PROFILE.computeIfAbsent(profile, StandardSet::new);
        last = set;
        return set;
    }

    private static int unitsIn(SmsProfile profile, char c) {
        int septets = Gsm7Alphabet.septets(c);
        if (septets == Gsm7Alphabet.EXTENSION && !profile.extensionTable()) {
            return NOT_STANDARD;
        }
        return profile.unicodeOnly().indexOf(c) >= 0 ? NOT_STANDARD : septets;
    }

    /** Units {@code c} takes in the standard encoding, or {@link #NOT_STANDARD}. */
    int units(char c) {
        if (c < TABLE_SIZE) {
            return units[c];
        }
        return c == EURO ? euroUnits : NOT_STANDARD;
    }

    boolean contains(char c) {
        return units(c) != NOT_STANDARD;
    }

    /** Whether every character of {@code text} is in the set. */
    boolean holdsAll(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (units(text.charAt(i)) == NOT_STANDARD) {
                return false;
            }
        }
        return true;
    }
}
