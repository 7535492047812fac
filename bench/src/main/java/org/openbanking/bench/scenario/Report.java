package org.openbanking.bench.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.openbanking.bench.platform.Api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers to put figures into the results' JSON. */
public final class Report {

    private Report() {
    }

    public static ArrayNode array(List<Double> values) {
        ArrayNode array = Api.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    public static ObjectNode object(Map<String, Double> values) {
        ObjectNode node = Api.JSON.createObjectNode();
        values.forEach(node::put);
        return node;
    }

    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Nearest-rank percentile: p99 of 100 values is the 99th smallest. */
    public static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
