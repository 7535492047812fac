package org.openbanking.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** CPU time and resident memory of processes, from Linux's /proc (the benchmarks run on Linux). */
public final class ProcStats {

    /** Clock ticks per second of /proc/[pid]/stat; 100 on every common Linux build. */
    public static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcStats() {
    }

    /** User + system CPU ticks of one process (all its threads), or 0 if it is gone. */
    public static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name may contain spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU ticks of a process and all its descendants (e.g. nginx's workers, Keycloak's JVM under its script). */
    public static long cpuTicksOfTree(ProcessHandle root) {
        long sum = cpuTicks(root.pid());
        for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            sum += cpuTicks(child.pid());
        }
        return sum;
    }

    /** Resident set size in KiB (VmRSS), if the process exists. */
    public static OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return OptionalLong.empty();
    }

    /** The process of the tree with the largest RSS: the JVM under a start script. */
    public static ProcessHandle largestOfTree(ProcessHandle root) {
        ProcessHandle best = root;
        long bestRss = rssKib(root.pid()).orElse(0);
        for (ProcessHandle p : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            long rss = rssKib(p.pid()).orElse(0);
            if (rss > bestRss) {
                best = p;
                bestRss = rss;
            }
        }
        return best;
    }

    /** The command line as PostgreSQL shows it ("postgres: user db host(port) state"), spaces for NULs. */
    public static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Every child process of a parent (PostgreSQL's backends are children of its postmaster). */
    public static List<ProcessHandle> children(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::children).orElse(Stream.empty()).toList();
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
