package dev.torpedo.sms.admin.credits;

import dev.torpedo.sms.admin.AdminSettings;
import dev.torpedo.sms.admin.AdminUser;
import dev.torpedo.sms.admin.MessageDescriptions;
import dev.torpedo.sms.admin.Texts;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.credit.CreditPurchases;
import dev.torpedo.sms.impl.credit.LedgerEntry;
import dev.torpedo.sms.impl.credit.Purchase;
import dev.torpedo.sms.impl.credit.PurchaseStatus;
import dev.torpedo.sms.impl.i18n.LocalTimes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credits as the merchant and the platform operator see them: the balance, the statement, "Comprar crédito" with
 * its packages and price per SMS (the same for every carrier), the purchases with the day each is credited (the
 * first business day after its payment, from the engine's calendar), and the operator's confirmation of payments.
 */
public final class CreditsService {

    private static final int STATEMENT_LINES = 50;

    private final CreditLedger ledger;
    private final CreditPurchases purchases;
    private final AdminSettings options;
    private final TransactionTemplate tx;

    public CreditsService(CreditLedger ledger, CreditPurchases purchases, AdminSettings options, TransactionTemplate tx) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.options = Objects.requireNonNull(options, "options");
        this.tx = Objects.requireNonNull(tx, "transactions");
    }

    /** The merchant's page. */
    public record View(int balance, List<Line> statement, List<Offer> offers, String pricePerSms,
                       List<PurchaseLine> purchases, String error) {
    }

    /** One statement line: when, what, how many credits. */
    public record Line(String when, String what, int delta) {
    }

    /** One package of "Comprar crédito". */
    public record Offer(int credits, String price) {
    }

    /** One purchase and where it stands, in words. */
    public record PurchaseLine(long id, String store, int credits, String amount, String status, String creditOn,
                               boolean pending) {
    }

    /**
     * The operator's page: every store's purchases waiting for payment, and an error.
     *
     * @param today    today in Brasília, as people read it
     * @param todayIso the same day as an {@code <input type="date">} wants it
     */
    public record OperatorView(List<PurchaseLine> awaiting, String today, String todayIso, String error) {
    }

    /** What {@link #confirm} did: the day the credits arrive, or the page with its error. */
    public record Confirmation(String creditOn, OperatorView refused) {
        public boolean confirmed() {
            return refused == null;
        }
    }

    public View view(AdminUser user) {
        return view(user, null);
    }

    private View view(AdminUser user, String error) {
        Locale locale = user.locale();
        Texts t = new Texts(locale);
        tx.executeWithoutResult(status -> ledger.grantFreeCredits(user.store()));
        List<Line> statement = ledger.entries(user.store(), STATEMENT_LINES).stream().map(entry -> new Line(
                LocalTimes.dateTime(entry.createdAt(), MessageDescriptions.STORE_ZONE, locale),
                describe(entry, t), entry.delta())).toList();
        List<Offer> offers = options.packages().stream()
                .map(credits -> new Offer(credits, money(priceOf(credits), locale))).toList();
        List<PurchaseLine> lines = purchases.ofStore(user.store()).stream().map(p -> line(p, locale)).toList();
        return new View(ledger.balance(user.store()), statement, offers, money(options.pricePerSms(), locale), lines,
                error);
    }

    /** "Comprar crédito": a purchase of one of the packages, waiting for the operator to confirm its payment. */
    public View buy(AdminUser user, String typedCredits) {
        Optional<Integer> credits = parse(typedCredits).filter(options.packages()::contains);
        if (credits.isEmpty()) {
            return view(user, new Texts(user.locale()).get("credits.buy.error"));
        }
        purchases.create(user.store(), credits.get(), priceOf(credits.get()).movePointRight(2).longValueExact());
        return null;
    }

    public OperatorView operatorView(Locale locale) {
        return operatorView(locale, null);
    }

    private OperatorView operatorView(Locale locale, String error) {
        LocalDate today = purchases.today();
        return new OperatorView(purchases.awaitingPayment(200).stream().map(p -> line(p, locale)).toList(),
                LocalTimes.date(today, locale), today.toString(), error);
    }

    /**
     * The operator confirms that a purchase was paid on {@code typedDate} (as an {@code <input type="date">}
     * sends it, or dd/mm/aaaa).
     *
     */
    public Confirmation confirm(long purchaseId, String typedDate, Locale locale) {
        Texts t = new Texts(locale);
        LocalDate paidOn = date(typedDate);
        if (paidOn == null) {
            return new Confirmation(null, operatorView(locale, t.get("operator.date.error")));
        }
        if (paidOn.isAfter(purchases.today())) {
            return new Confirmation(null, operatorView(locale, t.get("operator.date.future")));
        }
        try {
            purchases.confirmPayment(purchaseId, paidOn);
        } catch (NoSuchElementException | IllegalStateException e) {
            return new Confirmation(null, operatorView(locale, t.get("operator.not-pending")));
        }
        return new Confirmation(LocalTimes.date(purchases.creditDayFor(paidOn), locale), null);
    }

    private PurchaseLine line(Purchase purchase, Locale locale) {
        Texts t = new Texts(locale);
        String creditOn = purchase.creditOn() == null ? "" : LocalTimes.date(purchase.creditOn(), locale);
        String status = switch (purchase.status()) {
            case PENDING_PAYMENT -> t.get("purchase.pending",
                    LocalTimes.date(purchases.creditDayFor(purchases.today()), locale));
            case PAID -> t.get("purchase.paid", LocalTimes.date(purchase.paidOn(), locale), creditOn);
            case CREDITED -> t.get("purchase.credited", creditOn);
            case CANCELLED -> t.get("purchase.cancelled");
        };
        return new PurchaseLine(purchase.id(), purchase.storeId().value(), purchase.credits(),
                money(BigDecimal.valueOf(purchase.amountCents(), 2), locale), status, creditOn,
                purchase.status() == PurchaseStatus.PENDING_PAYMENT);
    }

    private static String describe(LedgerEntry entry, Texts t) {
        return switch (entry.kind()) {
            case FREE_GRANT -> t.get("statement.free");
            case PURCHASE -> t.get("statement.purchase", String.valueOf(entry.purchaseId()));
            case DEBIT -> t.get("statement.debit", entry.messages());
            case REFUND -> t.get("statement.refund", String.valueOf(entry.messageId()));
        };
    }

    private BigDecimal priceOf(int credits) {
        return options.pricePerSms().multiply(BigDecimal.valueOf(credits)).setScale(2, RoundingMode.HALF_UP);
    }

    private static String money(BigDecimal amount, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.forLanguageTag("pt-BR"));
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(Math.max(2, amount.stripTrailingZeros().scale()));
        return format.format(amount).replace('\u00a0', ' ');
    }

    private static Optional<Integer> parse(String typed) {
        try {
            return typed == null ? Optional.empty() : Optional.of(Integer.parseInt(typed.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static LocalDate date(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String value = typed.strip();
        try {
            if (value.matches("\\d{2}/\\d{2}/\\d{4}")) {
                return LocalDate.of(Integer.parseInt(value.substring(6)), Integer.parseInt(value.substring(3, 5)),
                        Integer.parseInt(value.substring(0, 2)));
            }
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
