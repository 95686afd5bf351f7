package dev.torpedo.sms.api.spi;

import java.util.Objects;

/**
 * How a provider encodes, counts and cuts a message, which decides what the message costs: which GSM 03.38
 * characters its standard (7-bit) encoding holds, how many units fit one message and each part of a long one in
 * either encoding, where it cuts, and what it rewrites before sending. The plugin encodes, transliterates,
 * shortens and charges every message by the active gateway's profile ({@link SmsGateway#profile()}), so that a
 * store pays for the parts its provider bills.
 *
 * <p>In the standard encoding a character of the GSM 03.38 default alphabet takes one unit and one of its
 * extension table (such as {@code €} or {@code {}}) two; in the unicode encoding each UTF-16 code unit takes one.
 * A text with any character outside the profile's standard set goes out as unicode.
 *
 * <pre>{@code
 * SmsProfile mine = SmsProfile.builder("my-provider")
 *         .unicodeOnly("éÇ|")           // GSM 03.38 characters its standard encoding lacks
 *         .extensionTable(false)        // nor does it escape into the extension table
 *         .standardParts(160, 152)
 *         .unicodeParts(70, 66)
 *         .cut(SmsProfile.Cut.AT_SPACES)
 *         .collapsesSpaces(true)
 *         .build();
 * }</pre>
 */
public final class SmsProfile {

    /** Where a long message is cut into parts. */
    public enum Cut {
        /**
         * Wherever a part is full (3GPP TS 23.040): an escape and its character, or a surrogate pair, are never
         * split, so such a pair that does not fit starts the next part.
         */
        ANYWHERE,
        /**
         * Only at a space, which ends the part and is sent in neither; a word longer than a part is cut where it
         * must, as {@link #ANYWHERE} cuts.
         */
        AT_SPACES
    }

    /**
     * GSM 03.38 as 3GPP specifies it: the whole default alphabet and the extension table, 160 septets in one
     * message and 153 in each part, 70 UTF-16 units and 67, cut anywhere. Twilio counts so; the default of a
     * host's own gateway.
     */
    public static final SmsProfile GSM_03_38 = builder("gsm-03.38").build();

    private final String name;
    private final String unicodeOnly;
    private final boolean extensionTable;
    private final int standardSingle;
    private final int standardPart;
    private final int unicodeSingle;
    private final int unicodePart;
    private final Cut cut;
    private final boolean collapsesSpaces;
    private final int maxCharacters;

    private SmsProfile(Builder builder) {
        this.name = builder.name;
        this.unicodeOnly = builder.unicodeOnly;
        this.extensionTable = builder.extensionTable;
        this.standardSingle = builder.standardSingle;
        this.standardPart = builder.standardPart;
        this.unicodeSingle = builder.unicodeSingle;
        this.unicodePart = builder.unicodePart;
        this.cut = builder.cut;
        this.collapsesSpaces = builder.collapsesSpaces;
        this.maxCharacters = builder.maxCharacters;
    }

    /** A profile that starts as {@link #GSM_03_38} and differs where the builder says. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A short name for logs and the admin, such as {@code zenvia}. */
    public String name() {
        return name;
    }

    /** The GSM 03.38 characters that this provider sends only in unicode. */
    public String unicodeOnly() {
        return unicodeOnly;
    }

    /** Whether the standard encoding escapes into GSM 03.38's extension table ({@code € [ ] { } ~ ^ \ |}). */
    public boolean extensionTable() {
        return extensionTable;
    }

    /** Units of the standard encoding in a message sent whole. */
    public int standardSingle() {
        return standardSingle;
    }

    /** Units of the standard encoding in each part of a long message. */
    public int standardPart() {
        return standardPart;
    }

    /** UTF-16 units in a unicode message sent whole. */
    public int unicodeSingle() {
        return unicodeSingle;
    }

    /** UTF-16 units in each part of a long unicode message. */
    public int unicodePart() {
        return unicodePart;
    }

    public Cut cut() {
        return cut;
    }

    /** Whether the provider turns tabs and runs of spaces into one space before it counts and sends. */
    public boolean collapsesSpaces() {
        return collapsesSpaces;
    }

    /** The longest text the provider takes, in characters. */
    public int maxCharacters() {
        return maxCharacters;
    }

    @Override
    public String toString() {
        return "SmsProfile[" + name + "]";
    }

    /** Builds a profile; every setting starts as GSM 03.38's. */
    public static final class Builder {

        private final String name;
        private String unicodeOnly = "";
        private boolean extensionTable = true;
        private int standardSingle = 160;
        private int standardPart = 153;
        private int unicodeSingle = 70;
        private int unicodePart = 67;
        private Cut cut = Cut.ANYWHERE;
        private boolean collapsesSpaces;
        private int maxCharacters = Integer.MAX_VALUE;

        private Builder(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("A profile needs a name");
            }
            this.name = name;
        }

        /**
         * GSM 03.38 characters that the provider's standard encoding lacks: a text with one goes as unicode. The
         * ASCII letters, digits, space and punctuation of the default alphabet cannot be among them: every provider
         * has those, and the plugin spells what a set lacks with them ("é" as "e", "€" as "EUR").
         */
        public Builder unicodeOnly(String characters) {
            for (char c : Objects.requireNonNull(characters, "characters").toCharArray()) {
                if (isBasicAscii(c)) {
                    throw new IllegalArgumentException("Every standard set holds '" + c + "'");
                }
            }
            this.unicodeOnly = characters;
            return this;
        }

        private static boolean isBasicAscii(char c) {
            return (c >= ' ' && c <= '~' && "^{}\\[~]|`".indexOf(c) < 0) || c == '\n' || c == '\r';
        }

        public Builder extensionTable(boolean escapes) {
            this.extensionTable = escapes;
            return this;
        }

        /** Units of the standard encoding in one message and in each part of a long one. */
        public Builder standardParts(int single, int part) {
            checkParts("standard", single, part);
            this.standardSingle = single;
            this.standardPart = part;
            return this;
        }

        /** UTF-16 units in one unicode message and in each part of a long one. */
        public Builder unicodeParts(int single, int part) {
            checkParts("unicode", single, part);
            this.unicodeSingle = single;
            this.unicodePart = part;
            return this;
        }

        public Builder cut(Cut cut) {
            this.cut = Objects.requireNonNull(cut, "cut");
            return this;
        }

        public Builder collapsesSpaces(boolean collapses) {
            this.collapsesSpaces = collapses;
            return this;
        }

        public Builder maxCharacters(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("At least one character: " + max);
            }
            this.maxCharacters = max;
            return this;
        }

        public SmsProfile build() {
            return new SmsProfile(this);
        }

        private static void checkParts(String encoding, int single, int part) {
            // A part holds two units or more, so that an escape pair or a surrogate pair always fits one.
            if (part < 2 || single < part) {
                throw new IllegalArgumentException("The " + encoding + " parts must hold 2 units or more, and one"
                        + " message at least as many as a part: " + single + "/" + part);
            }
        }
    }
}
