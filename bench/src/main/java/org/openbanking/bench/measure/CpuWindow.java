package org.openbanking.bench.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** CPU used by each process group between two snapshots. */
public final class CpuWindow {

    private final Supplier<Map<String, Long>> snapshot;
    private final Map<String, Long> before;

    public CpuWindow(Supplier<Map<String, Long>> snapshot) {
        this.snapshot = snapshot;
        this.before = snapshot.get();
    }

    /** Microseconds of CPU used since the window opened, by group (groups that used none are left out). */
    public Map<String, Double> micros() {
        Map<String, Long> after = snapshot.get();
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((group, ticks) -> {
            long ticksUsed = ticks - before.getOrDefault(group, 0L);
            if (ticksUsed > 0) {
                used.put(group, ticksUsed * 1e6 / ProcStats.TICKS_PER_SECOND);
            }
        });
        return used;
    }
}
