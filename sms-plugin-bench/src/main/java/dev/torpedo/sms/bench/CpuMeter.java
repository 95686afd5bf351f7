package dev.torpedo.sms.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent during a phase: by this JVM, and by the whole machine (this JVM, the database server and the
 * stub together; from {@code /proc/stat}, so Linux only). On a machine doing nothing else, the difference is
 * the database's share. It also gives the JIT compiler's time in the phase: on two CPUs a compiler still at work
 * takes a fifth of the machine from whichever contender runs then.
 */
final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** USER_HZ: /proc/stat counts in hundredths of a second on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** The compiler counts as quiet when it compiles for less than this in {@link #QUIET_WINDOW_MS}. */
    private static final long QUIET_COMPILE_MS = 20;
    private static final long QUIET_WINDOW_MS = 1_000;
    private static final long QUIET_WAIT_MAX_MS = 60_000;

    private final long jvmStart;
    private final double machineStart;
    private final Compiler compiler;

    private CpuMeter() {
        jvmStart = jvmNanos();
        machineStart = machineSeconds();
        compiler = Compiler.start();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /**
     * Waits (a minute at most) until the JIT compiler has finished the work the warm-up gave it, then starts:
     * what a timed contender does first, so that none pays for compiling another's code.
     */
    static CpuMeter startWhenCompilerQuiet() throws InterruptedException {
        long giveUp = System.nanoTime() + QUIET_WAIT_MAX_MS * 1_000_000;
        long before = compileMillis();
        while (System.nanoTime() < giveUp) {
            Thread.sleep(QUIET_WINDOW_MS);
            long now = compileMillis();
            if (now - before < QUIET_COMPILE_MS) {
                break;
            }
            before = now;
        }
        return new CpuMeter();
    }

    /** What a phase used, per message; {@link #jitMillis} is -1 where the JVM does not count it. */
    record Used(double jvmMicros, double machineMicros, long jitMillis) {
        /** {@code jvm_cpu_us_per_msg=… machine_cpu_us_per_msg=… jit_ms=…}, as the bench prints it. */
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "jvm_cpu_us_per_msg=%.0f machine_cpu_us_per_msg=%s jit_ms=%d",
                    jvmMicros, Double.isNaN(machineMicros) ? "n/a"
                            : String.format(java.util.Locale.ROOT, "%.0f", machineMicros), jitMillis);
        }
    }

    /** CPU used since the start, for {@code messages} messages, and the compiler's time in the phase. */
    Used perMessage(int messages) {
        return new Used((jvmNanos() - jvmStart) / 1e3 / messages,
                (machineSeconds() - machineStart) * 1e6 / messages, compiler.millis());
    }

    /** The JIT compiler's time from a start; -1 where the JVM does not count it. */
    private record Compiler(long startMillis) {
        static Compiler start() {
            return new Compiler(compileMillis());
        }

        long millis() {
            return startMillis < 0 ? -1 : compileMillis() - startMillis;
        }
    }

    /** The JIT compiler's time so far, or -1 where the JVM does not count it. */
    private static long compileMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : -1;
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Busy time of all CPUs (user, nice, system, irq, softirq), or NaN where there is no /proc/stat. */
    private static double machineSeconds() {
        try {
            String[] cpu = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[]{1, 2, 3, 6, 7}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
