package org.openbanking.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openbanking.k8scheck.model.Manifest;
import org.openbanking.k8scheck.model.Yaml;
import org.openbanking.k8scheck.render.KubectlRenderer;

/**
 * The alert rules of k8s/base/monitoring: valid for Prometheus ({@code promtool check rules}), every alert unit-tested
 * both ways and passing ({@code promtool test rules}), labelled and annotated for the on-call, and shipped as they are
 * by every overlay. A copy with a mistake seeded fails, naming it. promtool is Debian's {@code prometheus} package: in
 * CI ({@code CI=true}) a missing promtool fails these tests, elsewhere it skips them with a message.
 */
class AlertRulesTest {

    static final String DIR = "k8s/base/monitoring";
    static final String RULES = "alerts.rules.yaml";
    static final String TESTS = "alerts.test.yaml";
    static final String CONFIG_MAP = "openbanking-alert-rules";

    record Run(int exit, String output) {
    }

    /** promtool from the PATH; missing, it fails in CI and skips elsewhere. */
    static Path promtool() {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String how = "promtool was not found on the PATH: the alert rules are checked and unit-tested with it (install "
                + "Debian's prometheus package: apt-get install -y --no-install-recommends prometheus; .ci/run does it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(how);
        }
        Assumptions.abort(how + "; skipped on this machine");
        return null;
    }

    static Run promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(process.exitValue(), output);
    }

    private static Path monitoring() {
        return RepositoryCopy.root().resolve(DIR);
    }

    @Test
    void prometheusAcceptsTheRules() throws Exception {
        Run check = promtool(monitoring(), "check", "rules", RULES);
        System.out.println("[alerts] promtool check rules: " + check.output.strip());
        assertEquals(0, check.exit, "promtool check rules " + DIR + "/" + RULES + ":\n" + check.output);
    }

    @Test
    void everyAlertsUnitTestsPass() throws Exception {
        Run test = promtool(monitoring(), "test", "rules", TESTS);
        System.out.println("[alerts] promtool test rules: " + test.output.strip());
        assertEquals(0, test.exit, "promtool test rules " + DIR + "/" + TESTS + ":\n" + test.output);
    }

    @Test
    void everyAlertIsTestedFiringAndSilentAndSaysWhatItIs() throws IOException {
        List<String> problems = lint(monitoring());
        assertEquals(List.of(), problems);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOverlayShipsTheTestedRules() throws IOException {
        String committed = Files.readString(monitoring().resolve(RULES), StandardCharsets.UTF_8);
        for (String overlay : List.of("dev", "prod")) {
            List<Manifest> rendered = KubectlRenderer.require()
                    .render(RepositoryCopy.root().resolve("k8s/overlays").resolve(overlay));
            Map<String, Object> data = rendered.stream()
                    .filter(m -> m.is("ConfigMap") && CONFIG_MAP.equals(m.name()))
                    .map(m -> (Map<String, Object>) m.body().get("data")).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + " renders no ConfigMap " + CONFIG_MAP));
            assertEquals(committed, data.get(RULES),
                    overlay + ": ConfigMap " + CONFIG_MAP + " holds " + RULES + " as committed");
        }
    }

    /**
     * Every alert has a severity, a summary and a description, and the unit tests expect it firing at least once and
     * silent at least once.
     */
    @SuppressWarnings("unchecked")
    static List<String> lint(Path dir) throws IOException {
        Map<String, Object> rules = (Map<String, Object>) Yaml.load(Files.readString(dir.resolve(RULES)));
        Map<String, Object> tests = (Map<String, Object>) Yaml.load(Files.readString(dir.resolve(TESTS)));
        Set<String> fires = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
            for (Map<String, Object> at : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                List<?> expected = (List<?>) at.get("exp_alerts");
                (expected == null || expected.isEmpty() ? silent : fires).add((String) at.get("alertname"));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String alert = (String) rule.get("alert");
                if (alert == null) {
                    continue; // a recording rule
                }
                Map<String, Object> labels = rule.get("labels") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Map<String, Object> annotations = rule.get("annotations") instanceof Map<?, ?> m
                        ? (Map<String, Object>) m
                        : Map.of();
                if (!"critical".equals(labels.get("severity")) && !"warning".equals(labels.get("severity"))) {
                    problems.add(alert + ": label severity must be critical or warning, found " + labels.get("severity"));
                }
                for (String annotation : List.of("summary", "description")) {
                    if (!(annotations.get(annotation) instanceof String text) || text.isBlank()) {
                        problems.add(alert + ": annotation " + annotation + " missing");
                    }
                }
                if (!fires.contains(alert)) {
                    problems.add(alert + ": no unit test expects it to fire");
                }
                if (!silent.contains(alert)) {
                    problems.add(alert + ": no unit test expects it silent");
                }
            }
        }
        return problems;
    }

    /** Replace {@code find} (which must occur exactly once) in {@code file} by {@code replace}. */
    record Mistake(String name, String file, String find, String replace, String expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                new Mistake("an alert on a metric no service exposes (a misspelt name)", RULES,
                        "rate(gateway_receipt_batches_total{outcome=\"failed\"}[5m])",
                        "rate(gateway_receipt_batch_total{outcome=\"failed\"}[5m])", "alertname: ReceiptsFailing"),
                new Mistake("a revocation lag threshold loosened", RULES, "          > 0.01\n        for: 2m",
                        "          > 0.5\n        for: 2m", "alertname: ConsentEventsLagging"),
                new Mistake("a breaker alert that ignores breakers open now", RULES,
                        "          or\n          max by (namespace, job, instance, method) (ft_circuitbreaker_state_current{state=\"open\"}) == 1\n",
                        "\n", "alertname: CircuitBreakerOpen"),
                new Mistake("an expression Prometheus cannot parse", RULES,
                        "sum by (namespace) (rate(gateway_decisions_total[5m]))",
                        "sum by (namespace) (rate(gateway_decisions_total[5m])", "unclosed left parenthesis"),
                new Mistake("an alert without a severity", RULES, "          severity: warning\n        annotations:\n"
                        + "          summary: \"Gateway {{ $labels.instance }} hears no consent-service heartbeat\"",
                        "        annotations:\n"
                                + "          summary: \"Gateway {{ $labels.instance }} hears no consent-service heartbeat\"",
                        "ConsentEventsSilent: label severity must be critical or warning"),
                new Mistake("an alert whose firing case is not tested", TESTS,
                        "      - eval_time: 15m\n        alertname: TokenEndpointErrors\n        exp_alerts:\n",
                        "      - eval_time: 15m\n        alertname: TokenEndpointErrorz\n        exp_alerts:\n",
                        "TokenEndpointErrors: no unit test expects it to fire"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aSeededMistakeFailsNamingIt(Mistake mistake, @TempDir Path copy) throws Exception {
        for (String file : List.of(RULES, TESTS)) {
            Files.copy(monitoring().resolve(file), copy.resolve(file));
        }
        String text = Files.readString(copy.resolve(mistake.file()), StandardCharsets.UTF_8);
        int first = text.indexOf(mistake.find());
        assertTrue(first >= 0, "the seeded edit does not apply to " + mistake.file() + ": " + mistake.find());
        assertEquals(-1, text.indexOf(mistake.find(), first + 1), "the seeded edit is ambiguous in " + mistake.file());
        Files.writeString(copy.resolve(mistake.file()), text.replace(mistake.find(), mistake.replace()));

        Run check = promtool(copy, "check", "rules", RULES);
        Run test = promtool(copy, "test", "rules", TESTS);
        String lint = String.join("\n", lint(copy));
        String all = check.output + "\n" + test.output + "\n" + lint;
        assertTrue(check.exit != 0 || test.exit != 0 || !lint.isEmpty(), "nothing failed despite " + mistake.name());
        assertTrue(all.contains(mistake.expected()), "no failure naming '" + mistake.expected() + "' in:\n" + all);
    }
}
