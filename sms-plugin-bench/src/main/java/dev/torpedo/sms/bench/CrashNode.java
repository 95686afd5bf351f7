package dev.torpedo.sms.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.torpedo.sms.impl.calendar.BrazilianCalendar;
import dev.torpedo.sms.impl.credit.CreditLedger;
import dev.torpedo.sms.impl.db.Dialect;
import dev.torpedo.sms.impl.db.NullBindingJdbcTemplate;
import dev.torpedo.sms.impl.gateway.HttpSettings;
import dev.torpedo.sms.impl.gateway.ProviderHttp;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSettings;
import dev.torpedo.sms.impl.gateway.zenvia.ZenviaSmsGateway;
import dev.torpedo.sms.impl.optout.SuppressionList;
import dev.torpedo.sms.impl.queue.Dispatcher;
import dev.torpedo.sms.impl.queue.DispatcherLoop;
import dev.torpedo.sms.impl.queue.DispatcherOptions;
import dev.torpedo.sms.impl.window.SendWindow;
import dev.torpedo.sms.impl.window.SendWindowOptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.time.Duration;

/**
 * One dispatcher node of {@link CrashRun}, in a JVM of its own so that it can be killed (SIGKILL) mid-send: runs the
 * host's dispatcher loop through the stub until it is killed, or stopped (SIGTERM: it stops the loop and closes its
 * dispatcher, as a host does at shutdown).
 *
 * <p>Arguments: JDBC URL, user, stub base URL, node id, concurrency, lease in milliseconds, clock offset in
 * milliseconds (so that every node's clock is the run's, inside the send window).
 */
final class CrashNode {

    private CrashNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword("");
        config.setMaximumPoolSize(12);
        HikariDataSource dataSource = new HikariDataSource(config);
        String stub = args[2];
        String node = args[3];
        int concurrency = Integer.parseInt(args[4]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[5]));
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(args[6])));

        JdbcTemplate jdbc = new NullBindingJdbcTemplate(dataSource);
        Dialect dialect = Dialect.of(dataSource);
        BrazilianCalendar calendar = new BrazilianCalendar();
        ProviderHttp http = new ProviderHttp(HttpSettings.defaults());
        Dispatcher dispatcher = Dispatcher.builder(jdbc, new DataSourceTransactionManager(dataSource), dialect,
                        new ZenviaSmsGateway(http, new ZenviaSettings(stub, "crash-token", "crash"), clock))
                .ledger(new CreditLedger(jdbc, dialect, clock))
                .suppressions(new SuppressionList(jdbc, dialect, clock))
                .window(new SendWindow(clock, SendWindowOptions.defaults(), calendar))
                .options(DispatcherOptions.defaults(node).withConcurrency(concurrency).withLease(lease))
                .clock(clock)
                .build();
        // The host's own loop, which rides out a database that goes away and comes back.
        DispatcherLoop loop = new DispatcherLoop(dispatcher, null, Duration.ofMillis(100), clock);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.stop();
            loop.closeDispatcher();
            http.close();
            dataSource.close();
        }, "crash-node-stop"));
        loop.start();
        Thread.currentThread().join();
    }
}
