package dev.torpedo.sms.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent during a phase: by this JVM, and by the whole machine (this JVM, the database server and the
 * stub together; from {@code /proc/stat}, so Linux only). On a machine doing nothing else, the difference is
 * the database's share.
 */
final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** USER_HZ: /proc/stat counts in hundredths of a second on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long jvmStart;
    private final double machineStart;

    private CpuMeter() {
        jvmStart = jvmNanos();
        machineStart = machineSeconds();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** {@code jvm_cpu_us_per_msg=… machine_cpu_us_per_msg=…} for {@code messages} messages. */
    String perMessage(int messages) {
        double jvm = (jvmNanos() - jvmStart) / 1e3 / messages;
        double machine = (machineSeconds() - machineStart) * 1e6 / messages;
        return String.format(java.util.Locale.ROOT, "jvm_cpu_us_per_msg=%.0f machine_cpu_us_per_msg=%s", jvm,
                Double.isNaN(machine) ? "n/a" : String.format(java.util.Locale.ROOT, "%.0f", machine));
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
